package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"plume/search"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"plume/compose"
	"plume/journal"
	"plume/kb"
	"plume/message/intake"
)

// maxInput bounds what suggest reads from one file or one JSONL line.
const maxInput = 8 << 20

func runSuggest(env Env, args []string) int {
	fl := newFlags(env, "suggest")
	dir := fl.String("kb", "", "dossier de la base de connaissances")
	asJSON := fl.Bool("json", false, "sortie JSON")
	jsonl := fl.Bool("jsonl", false, "un message JSON par ligne sur l'entrée standard")
	journalDir := fl.String("journal", "", "dossier du journal des transferts où chercher le message")
	blocs := blocChoices{}
	fl.Var(blocs, "bloc", "RÔLE=ID : le bloc à mettre dans la réponse composée pour ce rôle (relance=bloc-relance-transfert ; RÔLE= pour l'omettre), comme l'agent le choisit")
	if err := fl.Parse(args); err != nil {
		return ExitUsage
	}
	if fl.NArg() > 1 {
		return fail(env, ExitUsage, "un seul fichier à la fois (reçu %d)", fl.NArg())
	}
	in, name := env.Stdin, "entrée standard"
	if fl.NArg() == 1 && fl.Arg(0) != "-" {
		f, err := os.Open(fl.Arg(0))
		if err != nil {
			return fail(env, ExitUsage, "impossible d'ouvrir le message : %v", err)
		}
		defer f.Close()
		in, name = f, fl.Arg(0)
	}
	if *jsonl && fl.NArg() == 1 && fl.Arg(0) != "-" {
		return fail(env, ExitUsage, "--jsonl lit l'entrée standard : plume suggest --jsonl < messages.jsonl")
	}

	e, _, err := openEngine(env, *dir, false)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	defer e.Close()

	if *jsonl {
		return suggestLines(env, e, in, blocs)
	}
	data, err := io.ReadAll(io.LimitReader(in, maxInput+1))
	if err != nil {
		return fail(env, ExitUsage, "lecture de %s : %v", name, err)
	}
	if len(data) > maxInput {
		return fail(env, ExitUsage, "%s dépasse %d Mo : collez seulement le message", name, maxInput>>20)
	}
	var res search.Analysis
	named := strings.HasSuffix(strings.ToLower(name), ".eml")
	var p intake.Parsed
	perr := errNotTried
	if named || startsWithHeader(data) {
		p, perr = intake.ParseEML(bytes.NewReader(data))
	}
	switch {
	case named && perr != nil:
		return fail(env, ExitUsage, "%s : %v", name, perr)
	case perr == nil && (named || strings.TrimSpace(p.Body) != ""):
		res, err = e.AnalyzeParsed(p)
	default:
		// Text that merely starts like a mail header (« From: Jean » on
		// its first line) and yields no body as an e-mail is read as text:
		// nothing the person wrote is dropped.
		msg, perr := ParseMessage(data)
		if perr != nil {
			return fail(env, ExitUsage, "%s : %v", name, perr)
		}
		res, err = e.Analyze(msg)
	}
	if err != nil {
		return fail(env, ExitFail, "recherche : %v", err)
	}
	if *journalDir != "" {
		j, err := openJournal(env, *journalDir)
		if err != nil {
			return fail(env, ExitUsage, "%v", err)
		}
		res, _ = journal.Find(j, e, res)
	}
	reply := composeReply(e, res, env.Today, blocs)
	if *asJSON {
		return writeJSON(env, analysisOutput{Analysis: res, Reply: reply.Text})
	}
	printAnalysis(env, res)
	printReply(env, reply)
	return ExitOK
}

// errNotTried: the input was not read as an e-mail.
var errNotTried = errors.New("non lu comme un e-mail")

// startsWithHeader tells a saved e-mail piped in from pasted text by the
// mail header on its first line.
func startsWithHeader(data []byte) bool {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	for _, h := range []string{"Received:", "Return-Path:", "MIME-Version:", "Delivered-To:", "Message-ID:", "From:"} {
		if len(first) >= len(h) && strings.EqualFold(string(first[:len(h)]), h) {
			return true
		}
	}
	return false
}

// ErrEmpty and ErrBinary describe unusable input.
var (
	ErrEmpty  = errors.New("message vide")
	ErrBinary = errors.New("ce n'est pas du texte (octets nuls ou encodage non UTF-8) : collez le texte du message")
)

// ParseMessage reads a pasted message: plain text whose first line may be
// « Subject: … » or « Objet : … ».
func ParseMessage(data []byte) (search.Message, error) {
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return search.Message{}, ErrBinary
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	if strings.TrimSpace(text) == "" {
		return search.Message{}, ErrEmpty
	}
	subject, body := intake.SubjectLine(text)
	return search.Message{Subject: subject, Body: body}, nil
}

// lineInput is one line of `suggest --jsonl`: other fields are ignored.
type lineInput struct {
	ID      *string `json:"id"`
	Subject string  `json:"subject"`
	Body    string  `json:"body"`
}

// analysisOutput is the JSON of `suggest --json` and of each line of
// `suggest --jsonl`; its fields are a contract: id (--jsonl), category,
// service, transfer, suggestions, then relance, sensitive, entities,
// values, lang…, and reply.
type analysisOutput struct {
	ID *string
	search.Analysis
	// Reply is what the person would receive: the reply Plume composes on
	// its first suggestion, blocs included, in plain text (paragraphs
	// separated by a blank line), fields it could not fill as [libellé].
	Reply string
}

// MarshalJSON writes the id first, then the analysis as search.Analysis writes
// it (its offsets mapped to the message as given), then the reply.
func (o analysisOutput) MarshalJSON() ([]byte, error) {
	rest, err := json.Marshal(o.Analysis)
	if err != nil || len(rest) < 2 || rest[0] != '{' {
		return nil, fmt.Errorf("analyse illisible en JSON : %v", err)
	}
	reply, err := json.Marshal(o.Reply)
	if err != nil {
		return nil, err
	}
	out := []byte("{")
	if o.ID != nil {
		id, err := json.Marshal(*o.ID)
		if err != nil {
			return nil, err
		}
		out = append(append(append(out, `"id":`...), id...), ',')
	}
	out = append(out, rest[1:len(rest)-1]...)
	if len(rest) > 2 {
		out = append(out, ',')
	}
	out = append(append(out, `"reply":`...), reply...)
	return append(out, '}'), nil
}

// composeReply is the reply Plume would assemble for the first suggestion,
// as the window does when the agent has chosen nothing else.
func composeReply(e *search.Engine, a search.Analysis, today time.Time, blocs blocChoices) compose.Reply {
	var item *kb.Item
	if len(a.Suggestions) > 0 {
		item = a.Suggestions[0].Item
	}
	return compose.Compose(e.KB(), a, item, compose.Options{Today: today, Blocs: blocs})
}

// blocChoices are the --bloc RÔLE=ID choices of suggest.
type blocChoices map[string]string

func (b blocChoices) String() string { return "" }

func (b blocChoices) Set(v string) error {
	role, id, ok := strings.Cut(v, "=")
	if !ok || role == "" {
		return fmt.Errorf("attendu RÔLE=ID (ex. : relance=bloc-relance-transfert), reçu « %s »", v)
	}
	b[role] = id
	return nil
}

// printReply prints the composed reply for the reader of the terminal.
func printReply(env Env, r compose.Reply) {
	w := env.Stdout
	fmt.Fprintln(w, "\nRéponse composée sur la première suggestion :")
	fmt.Fprintln(w, "----------------------------------------------------------------")
	fmt.Fprintln(w, strings.TrimSpace(r.Text))
	fmt.Fprintln(w, "----------------------------------------------------------------")
	if len(r.Missing) > 0 {
		fmt.Fprintf(w, "Champs à remplir : %s\n", strings.Join(r.Missing, " ; "))
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "Note : "+n)
	}
}

// lineError keeps the output aligned with the input when a line is bad.
type lineError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

func suggestLines(env Env, e *search.Engine, in io.Reader, blocs blocChoices) int {
	r := bufio.NewReaderSize(in, 64<<10)
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	bad, total := 0, 0
	reject := func(n int, format string, args ...any) {
		bad++
		msg := fmt.Sprintf(format, args...)
		fmt.Fprintf(env.Stderr, "plume : ligne %d : %s\n", n, msg)
		_ = enc.Encode(lineError{Line: n, Error: msg})
	}
	for n := 1; ; n++ {
		line, err := readLine(r)
		if err == io.EOF && line == nil {
			break
		}
		if err != nil && err != io.EOF && err != errLineTooLong {
			return fail(env, ExitUsage, "lecture de l'entrée : %v", err)
		}
		if len(bytes.TrimSpace(line)) == 0 && err != errLineTooLong {
			continue
		}
		total++
		var li lineInput
		var jsonErr error
		if err != errLineTooLong {
			jsonErr = json.Unmarshal(line, &li)
		}
		switch {
		case err == errLineTooLong:
			reject(n, "ligne de plus de %d Mo ignorée", maxInput>>20)
		case !utf8.Valid(line) || bytes.IndexByte(line, 0) >= 0:
			reject(n, "ce n'est pas du texte UTF-8")
		case jsonErr != nil:
			reject(n, "JSON invalide : %v", jsonErr)
		case li.ID == nil:
			reject(n, "champ « id » manquant")
		case strings.TrimSpace(li.Subject+li.Body) == "":
			reject(n, "message vide (subject et body)")
		default:
			res, err := e.Analyze(search.Message{Subject: li.Subject, Body: li.Body})
			if err != nil {
				reject(n, "recherche : %v", err)
				continue
			}
			reply := composeReply(e, res, env.Today, blocs)
			if err := enc.Encode(analysisOutput{ID: li.ID, Analysis: res, Reply: reply.Text}); err != nil {
				return fail(env, ExitFail, "écriture : %v", err)
			}
		}
	}
	if total == 0 {
		return fail(env, ExitUsage, "aucun message sur l'entrée standard")
	}
	if bad > 0 {
		fmt.Fprintf(env.Stderr, "plume : %d ligne(s) sur %d rejetée(s)\n", bad, total)
		return ExitFail
	}
	return ExitOK
}

var errLineTooLong = errors.New("ligne trop longue")

// readLine returns the next line without its newline; a line longer than
// maxInput is skipped whole and reported as errLineTooLong.
func readLine(r *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(buf)+len(chunk) > maxInput {
			for err == bufio.ErrBufferFull {
				_, err = r.ReadSlice('\n')
			}
			return []byte{}, errLineTooLong
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) == 0 {
			return nil, io.EOF
		}
		return bytes.TrimRight(buf, "\r\n"), err
	}
}

func writeJSON(env Env, v any) int {
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fail(env, ExitFail, "écriture : %v", err)
	}
	return ExitOK
}

func printAnalysis(env Env, a search.Analysis) {
	w := env.Stdout
	if a.Truncated {
		fmt.Fprintln(w, "⚠ Message tronqué : seul le début a été lu.")
	}
	for _, warning := range a.Warnings {
		fmt.Fprintln(w, "⚠ Lecture de l'e-mail : "+warning+".")
	}
	for _, warn := range search.Warnings(a) {
		fmt.Fprintf(w, "%s %s : %s\n", warningMark[warn.Kind], warn.Title, warn.Say)
		for _, d := range warn.Details {
			fmt.Fprintf(w, "   %s\n", capitalized(d))
		}
	}
	if a.Sensitive.Level != "" || a.Relance.Level != "" || a.Prior != nil {
		fmt.Fprintln(w)
	}
	printResult(env, a.Result)
	if len(a.Values) > 0 {
		keys := make([]string, 0, len(a.Values))
		for k := range a.Values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintln(w, "\nChamps pré-remplis :")
		for _, k := range keys {
			fmt.Fprintf(w, "    %-26s %s\n", k, a.Values[k])
		}
	}
}

// capitalized is s with its first letter upper-case (« Échéance… »).
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// warningMark colours a warning in a terminal: red for the person's
// situation, orange for a relance or a transfer, yellow for « à vérifier ».
var warningMark = map[search.WarningKind]string{
	search.WarnDanger: "🟥", search.WarnDetresse: "🟥", search.WarnSensible: "🟥",
	search.WarnTransmis: "🟧", search.WarnAttendu: "🟧", search.WarnRelance: "🟧",
	search.WarnCheckSensible: "🟨", search.WarnCheckRelance: "🟨",
}

func printResult(env Env, res search.Result) {
	w := env.Stdout
	fmt.Fprintf(w, "Catégorie : %s (%s)\n", kb.Label(kb.Categories, res.Category), res.Category)
	if res.Transfer {
		fmt.Fprintf(w, "Service   : %s (%s) — à transmettre\n", kb.Label(kb.Services, res.Service), res.Service)
	} else {
		fmt.Fprintf(w, "Service   : %s (%s) — réponse directe\n", kb.Label(kb.Services, res.Service), res.Service)
	}
	if len(res.Terms) > 0 {
		fmt.Fprintf(w, "Termes    : %s\n", strings.Join(res.Terms, " "))
	}
	if len(res.Suggestions) == 0 {
		fmt.Fprintln(w, "\nAucune suggestion : le message ne ressemble à aucun élément de la base.")
		return
	}
	fmt.Fprintln(w, "\nSuggestions :")
	for i, s := range res.Suggestions {
		why := fmt.Sprintf("score %.2f", s.Score)
		if s.Situation != "" {
			why = "proposé pour la situation : " + s.Situation
		}
		fmt.Fprintf(w, "%2d. %s\n    %s · %s", i+1, s.Title, s.ID, kb.Label(kb.Kinds, string(s.Kind)))
		if s.Category != "" {
			fmt.Fprintf(w, " · %s", kb.Label(kb.Categories, s.Category))
		}
		fmt.Fprintf(w, " · %s\n", why)
		if len(s.Matched) > 0 && s.Situation == "" {
			fmt.Fprintf(w, "    mots reconnus : %s\n", strings.Join(s.Matched, ", "))
		}
	}
}
