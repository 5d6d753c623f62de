package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"plume/kb"
	"plume/kb/store"
)

// Editor is the "Rédaction" tab for knowledge editors: the items with
// filters on the left; the Markdown with its live preview and its
// validation on the right. Saving is atomic and never overwrites a
// colleague's version (kb/store). It works on a knowledge-base folder; the
// embedded base is read-only.
type Editor struct {
	win     fyne.Window
	kb      *kb.KB
	dir     string // the folder; empty when the base is not editable
	Content fyne.CanvasObject

	Filter   *widget.Select
	Category *widget.Select
	Service  *widget.Select
	Search   *widget.Entry
	List     *choiceList
	shown    []*kb.Item
	Text     *widget.Entry
	Preview  *widget.RichText
	Problems *widget.Label
	Status   *widget.Label
	Save     *widget.Button
	History  *widget.Button // what changed since the last review (git)
	file     store.File
	loading  bool // the text is being set by the program, not typed
	dirty    bool
	readOnly *widget.Label
	// fileActions create, duplicate, rename and delete files: only in a
	// knowledge-base folder.
	fileActions []*widget.Button
}

// Filters of the item list.
const (
	filterAll     = "Tous les éléments"
	filterReview  = "À revoir (relu il y a plus de 12 mois, ou expiré)"
	filterErrors  = "Avec des erreurs"
	filterReplies = "Réponses types"
	filterBlocs   = "Blocs"
	filterProcs   = "Procédures"
	filterInfos   = "Informations datées"
)

// NewEditor builds the tab; SetKB gives it the base and its folder.
func NewEditor(w fyne.Window) *Editor {
	ed := &Editor{win: w}
	ed.Filter = widget.NewSelect([]string{filterAll, filterReview, filterErrors, filterReplies, filterBlocs, filterProcs, filterInfos},
		func(string) { ed.refresh() })
	ed.Filter.SetSelected(filterAll)
	ed.Category = widget.NewSelect(codeLabels(allCategories, kb.Categories), func(string) { ed.refresh() })
	ed.Category.SetSelected(allCategories)
	ed.Service = widget.NewSelect(codeLabels(allServices, kb.Services), func(string) { ed.refresh() })
	ed.Service.SetSelected(allServices)
	ed.Search = widget.NewEntry()
	ed.Search.SetPlaceHolder("Rechercher un titre…")
	ed.Search.OnChanged = func(string) { ed.refresh() }
	ed.List = newTwoLineList(
		func() int { return len(ed.shown) },
		func(i int) (string, string) { return ed.shown[i].Title, ed.shown[i].Path },
		func(i int) { ed.open(ed.shown[i]) },
	)
	ed.Text = widget.NewMultiLineEntry()
	ed.Text.TextStyle.Monospace = true
	ed.Text.Wrapping = fyne.TextWrapWord
	ed.Text.OnChanged = func(string) {
		if !ed.loading {
			ed.dirty = true
		}
		ed.check()
	}
	ed.Preview = markdownView()
	ed.Problems = wrappedLabel("", false)
	ed.Status = wrappedLabel("", false)
	ed.Save = widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), ed.SaveFile)
	ed.Save.Importance = widget.HighImportance
	newBtn := widget.NewButtonWithIcon("Nouveau", theme.ContentAddIcon(), ed.askNew)
	dupBtn := widget.NewButtonWithIcon("Dupliquer", theme.ContentCopyIcon(), ed.askDuplicate)
	renBtn := widget.NewButtonWithIcon("Renommer", theme.DocumentCreateIcon(), ed.askRename)
	delBtn := widget.NewButtonWithIcon("Supprimer", theme.DeleteIcon(), ed.askDelete)
	ed.fileActions = []*widget.Button{newBtn, dupBtn, renBtn, delBtn}
	ed.History = widget.NewButtonWithIcon("Depuis la relecture", theme.HistoryIcon(), ed.showHistory)
	ed.History.Hide()
	ed.readOnly = wrappedLabel(readOnlyBaseSays, true)

	left := container.NewBorder(container.NewVBox(ed.readOnly, ed.Filter, ed.Category, ed.Service, ed.Search), nil, nil, nil, ed.List)
	editPreview := container.NewHSplit(ed.Text, container.NewVScroll(ed.Preview))
	right := container.NewBorder(container.NewHBox(newBtn, dupBtn, renBtn, delBtn, ed.Save, ed.History),
		container.NewVBox(ed.Problems, ed.Status), nil, nil, editPreview)
	split := container.NewHSplit(left, right)
	split.Offset = 0.28
	ed.Content = split
	return ed
}

// SetKB gives the tab the loaded base and where it comes from: only a
// folder's items can be edited (not the embedded base's, nor a bundle's).
func (ed *Editor) SetKB(k *kb.KB, base kb.Base) {
	ed.kb = k
	dir := ""
	if base.Editable() {
		dir = base.Path
	}
	ed.dir = dir
	if dir == "" {
		ed.readOnly.Show()
	} else {
		ed.readOnly.Hide()
	}
	for _, b := range ed.fileActions { // nothing to create, copy or remove in a read-only base
		if dir == "" {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	ed.editable()
	ed.refresh()
}

// editable lets the text be typed and saved only when a file of a folder
// is open (or being created): typing into nothing would be lost.
func (ed *Editor) editable() {
	if ed.dir != "" && ed.file.Path != "" {
		ed.Text.Enable()
		ed.Save.Enable()
	} else {
		ed.Text.Disable()
		ed.Save.Disable()
	}
}

// refresh applies the filters and the search to the list.
func (ed *Editor) refresh() {
	if ed.kb == nil || ed.Category == nil || ed.Service == nil {
		return
	}
	today := time.Now()
	withErrors := map[string]bool{}
	if ed.Filter.Selected == filterErrors {
		for _, it := range ed.kb.Files() {
			if _, probs := ed.kb.CheckItem(it.Path, []byte(ed.source(it)), today); probs.Errors() > 0 {
				withErrors[it.Path] = true
			}
		}
	}
	category, service := codeOf(kb.Categories, ed.Category.Selected), codeOf(kb.Services, ed.Service.Selected)
	keep := func(it *kb.Item) bool {
		if (category != "" && it.Category != category) || (service != "" && it.Service != service) {
			return false
		}
		switch ed.Filter.Selected {
		case filterReview:
			return it.ReviewDue(today) || it.Expired(today)
		case filterErrors:
			return withErrors[it.Path]
		case filterReplies:
			return it.Kind == kb.KindReponse
		case filterBlocs:
			return it.Kind == kb.KindBloc
		case filterProcs:
			return it.Kind == kb.KindProcedure
		case filterInfos:
			return it.Kind == kb.KindInfo
		}
		return true
	}
	ed.shown = ed.shown[:0]
	for _, m := range kb.NewFinder(browseOrder(ed.kb.Files())).Find(ed.Search.Text, keep) {
		ed.shown = append(ed.shown, m.Item)
	}
	ed.List.UnselectAll()
	ed.List.Refresh()
}

// source is the file text of an item: read from its folder, or rebuilt
// from what was loaded when the folder is not at hand.
func (ed *Editor) source(it *kb.Item) string {
	if ed.dir != "" {
		if data, err := os.ReadFile(filepath.Join(ed.dir, it.Path)); err == nil {
			return string(data)
		}
	}
	return it.Body
}

// open shows an item's file, after asking what to do with unsaved changes.
func (ed *Editor) open(it *kb.Item) {
	if ed.dirty {
		dialog.ShowConfirm("Modifications non enregistrées",
			"Le texte en cours n'est pas enregistré. L'abandonner pour ouvrir « "+it.Title+" » ?",
			func(ok bool) {
				if ok {
					ed.dirty = false
					ed.open(it)
				}
			}, ed.win)
		return
	}
	if ed.dir == "" {
		ed.setText(ed.source(it))
		return
	}
	f, err := store.Open(filepath.Join(ed.dir, it.Path))
	if err != nil {
		ed.Status.SetText("Ouverture impossible : " + err.Error())
		return
	}
	ed.file = f
	ed.editable()
	ed.setText(string(f.Data))
	status := "Fichier : " + it.Path + " · relu le " + it.Reviewed.Format("02/01/2006")
	if it.ReviewedBy != "" {
		status += " par " + it.ReviewedBy
	}
	ed.Status.SetText(status)
	ed.History.Hide()
	go func() {
		_, ok := gitChanges(f.Path, it.Reviewed.Time, f.Data)
		fyne.Do(func() {
			if ok && ed.file.Path == f.Path {
				ed.History.Show()
			}
		})
	}()
}

// showHistory shows what changed in the file since its last review.
func (ed *Editor) showHistory() {
	it, _ := ed.kb.CheckItem(ed.relPath(), []byte(ed.Text.Text), time.Now())
	if it == nil {
		return
	}
	path, current, status := ed.file.Path, []byte(ed.Text.Text), ed.Status.Text
	ed.Status.SetText("Lecture de l'historique git…")
	go func() {
		diff, ok := gitChanges(path, it.Reviewed.Time, current)
		fyne.Do(func() {
			if !ok {
				ed.Status.SetText("Historique git illisible pour ce fichier.")
				return
			}
			ed.Status.SetText(status)
			text := widget.NewMultiLineEntry()
			text.SetText(diff)
			text.TextStyle.Monospace = true
			d := dialog.NewCustom("Changements depuis la relecture du "+it.Reviewed.Format("02/01/2006"), "Fermer", text, ed.win)
			d.Resize(fyne.NewSize(900, 560))
			d.Show()
		})
	}()
}

func (ed *Editor) setText(s string) {
	ed.loading = true
	ed.Text.SetText(s)
	ed.loading = false
	ed.dirty = false
	ed.check()
}

// relPath is the file's path inside the knowledge base, as messages give it.
func (ed *Editor) relPath() string {
	if rel, err := filepath.Rel(ed.dir, ed.file.Path); err == nil && ed.dir != "" {
		return filepath.ToSlash(rel)
	}
	return filepath.Base(ed.file.Path)
}

// check validates the text with the same checks as `plume check` and shows
// the preview with sample values.
func (ed *Editor) check() {
	if ed.kb == nil {
		return
	}
	it, probs := ed.kb.CheckItem(ed.relPath(), []byte(ed.Text.Text), time.Now())
	if it != nil {
		showMarkdown(ed.Preview, ed.kb.Preview(it))
	}
	if len(probs) == 0 {
		ed.Problems.SetText("Aucun problème.")
		return
	}
	lines := make([]string, 0, len(probs))
	for _, p := range probs {
		level := "erreur"
		if p.Level == kb.LevelWarning {
			level = "avertissement"
		}
		lines = append(lines, fmt.Sprintf("ligne %d, %s : %s", p.Line, level, p.Message))
	}
	ed.Problems.SetText(strings.Join(lines, "\n"))
}

// SaveFile saves the text; a file changed on disk since it was opened is
// not overwritten: both versions are shown and the editor chooses.
func (ed *Editor) SaveFile() {
	if ed.dir == "" || ed.file.Path == "" {
		return
	}
	ed.saveOver(ed.file, []byte(ed.Text.Text), "Enregistré : "+ed.relPath()+". Les agents le verront après rechargement de la base.")
}

// saveOver saves data over base, the version of the file the editor last
// saw; a file changed since is shown as a conflict, and nothing is lost.
func (ed *Editor) saveOver(base store.File, data []byte, done string) {
	f, err := store.Save(base, data)
	var conflict *store.ConflictError
	switch {
	case errors.As(err, &conflict):
		ed.showConflict(conflict, data)
	case err != nil:
		ed.Status.SetText("Enregistrement impossible, rien n'est perdu (le texte reste ici) : " + err.Error())
	default:
		ed.file, ed.dirty = f, false
		ed.Status.SetText(done)
	}
}

// showConflict lets the editor choose between their text and the one on
// disk.
func (ed *Editor) showConflict(c *store.ConflictError, mine []byte) {
	theirs := widget.NewMultiLineEntry()
	theirs.SetText(string(c.Disk))
	theirs.Disable()
	ours := widget.NewMultiLineEntry()
	ours.SetText(string(mine))
	ours.Disable()
	both := container.NewGridWithColumns(2,
		container.NewBorder(widget.NewLabelWithStyle("Sur le disque", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, theirs),
		container.NewBorder(widget.NewLabelWithStyle("Votre texte", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, ours))
	d := dialog.NewCustomConfirm("Le fichier a changé depuis son ouverture", "Garder mon texte", "Reprendre celui du disque", both,
		func(keepMine bool) {
			if keepMine {
				// Replaces the version shown on the left, and only it: a
				// third save in between is shown as a new conflict.
				ed.saveOver(c.Current(), mine, "Enregistré (votre texte remplace celui du disque).")
				return
			}
			if f, err := store.Open(ed.file.Path); err == nil {
				ed.file = f
				ed.setText(string(f.Data))
				ed.Status.SetText("Texte du disque repris ; le vôtre a été remplacé.")
			}
		}, ed.win)
	d.Resize(fyne.NewSize(900, 560))
	d.Show()
}

// askID asks for an item id, checked before anything is written.
func (ed *Editor) askID(title, initial string, withKind bool, done func(id string, kind kb.Kind)) {
	if ed.dir == "" {
		ed.Status.SetText("La base intégrée est en lecture seule : choisissez un dossier dans les Réglages.")
		return
	}
	id := widget.NewEntry()
	id.SetText(initial)
	id.Validator = func(s string) error {
		switch {
		case !kb.ValidID(s):
			return errFrench("minuscules, chiffres et tirets seulement")
		case ed.kb.Item(s) != nil:
			return errFrench("identifiant déjà utilisé")
		}
		return nil
	}
	kinds := widget.NewSelect([]string{"reponse", "procedure", "bloc", "info"}, nil)
	kinds.SetSelected("reponse")
	items := []*widget.FormItem{widget.NewFormItem("Identifiant", id)}
	if withKind {
		items = append(items, widget.NewFormItem("Type", kinds))
	}
	dialog.ShowForm(title, "Valider", "Annuler", items, func(ok bool) {
		if ok {
			done(id.Text, kb.Kind(kinds.Selected))
		}
	}, ed.win)
}

func (ed *Editor) askNew() {
	if ed.dir == "" {
		return
	}
	ed.askID("Nouvel élément", "", true, func(id string, kind kb.Kind) {
		path := filepath.Join(ed.dir, kb.FolderFor(kind), id+".md")
		_ = os.MkdirAll(filepath.Dir(path), 0o755)
		ed.startNew(path, kb.NewItemText(id, kind, time.Now()), "Nouvel élément : complétez l'en-tête puis enregistrez")
	})
}

// startNew puts a file not yet on disk in the editor; saving creates it
// (and refuses if one appeared meanwhile).
func (ed *Editor) startNew(path, text, status string) {
	ed.file = store.New(path)
	ed.editable()
	ed.setText(text)
	ed.dirty = true
	ed.Status.SetText(status + " (" + ed.relPath() + ").")
}

func (ed *Editor) askDuplicate() {
	if ed.file.Path == "" {
		return
	}
	old := strings.TrimSuffix(filepath.Base(ed.file.Path), ".md")
	ed.askID("Dupliquer « "+old+" »", old+"-copie", false, func(id string, _ kb.Kind) {
		ed.startNew(filepath.Join(filepath.Dir(ed.file.Path), id+".md"), kb.SetID(ed.Text.Text, id), "Copie prête : enregistrez-la")
	})
}

func (ed *Editor) askRename() {
	if ed.file.Path == "" {
		return
	}
	old := strings.TrimSuffix(filepath.Base(ed.file.Path), ".md")
	ed.askID("Renommer « "+old+" »", old, false, func(id string, _ kb.Kind) { renameTo(ed, id) })
}

// renameTo renames the open item's id and file, and names the items that
// still link to the old id.
func renameTo(ed *Editor, id string) {
	old := strings.TrimSuffix(filepath.Base(ed.file.Path), ".md")
	text := kb.SetID(ed.Text.Text, id)
	f, err := store.Rename(ed.file, filepath.Join(filepath.Dir(ed.file.Path), id+".md"), []byte(text))
	if err != nil {
		ed.Status.SetText("Renommage impossible : " + err.Error())
		return
	}
	ed.file = f
	ed.setText(text)
	msg := "Renommé en « " + id + " »."
	if refs := ed.kb.References(old); len(refs) > 0 {
		names := make([]string, len(refs))
		for i, r := range refs {
			names[i] = r.Path
		}
		msg += " Ces éléments citent encore l'ancien identifiant : " + strings.Join(names, ", ")
	}
	ed.Status.SetText(msg)
}

func (ed *Editor) askDelete() {
	if ed.file.Path == "" || ed.dir == "" {
		return
	}
	name := ed.relPath()
	dialog.ShowConfirm("Supprimer", "Supprimer définitivement "+name+" ?", func(ok bool) {
		if !ok {
			return
		}
		if err := store.Delete(ed.file); err != nil {
			ed.Status.SetText("Suppression impossible : " + err.Error())
			return
		}
		ed.file = store.File{}
		ed.editable()
		ed.setText("")
		ed.Status.SetText(name + " supprimé.")
	}, ed.win)
}

// allServices is the service filter's entry for "no filter".
const allServices = "Tous les services"

// codeLabels lists the labels of codes after the "all" entry.
func codeLabels(all string, codes []kb.Code) []string {
	out := []string{all}
	for _, c := range codes {
		out = append(out, c.Label)
	}
	return out
}

// codeOf returns the code whose label is label ("" for the "all" entry).
func codeOf(codes []kb.Code, label string) string {
	for _, c := range codes {
		if c.Label == label {
			return c.Code
		}
	}
	return ""
}
