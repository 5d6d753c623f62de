package cli

import (
	"strings"
	"testing"
)

// The cases of the December 2026 review of the knowledge base (a death and
// a funeral, an expired CNI of 2008, the 2026 naturalisation rules, a
// licence exchange the préfecture cannot see…): each message must bring its
// reply among the first three suggestions.
func TestTheReviewsCasesFindTheirReply(t *testing.T) {
	code, out, errOut := run(t, "", "eval", "../testdata/review-2026-12.jsonl")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "dans les 3 premières               1.000") {
		t.Errorf("a case lost its reply:\n%s", out)
	}
}
