// Command gen rewrites the quirk catalogue table of docs/design.md from mockwebex.Catalogue()
// (design §5). Run it with go generate ./internal/designdoc.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/webex-scim/webex-scim/internal/designdoc"
)

func main() {
	root := flag.String("root", ".", "module root")
	flag.Parse()
	if err := run(*root); err != nil {
		fmt.Fprintln(os.Stderr, "designdoc/gen:", err)
		os.Exit(1)
	}
}

func run(root string) error {
	file := filepath.Join(root, filepath.FromSlash(designdoc.DesignPath))
	old, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	doc, err := designdoc.CurrentDesign(root, string(old))
	if err != nil {
		return err
	}
	if doc == string(old) {
		return nil
	}
	return os.WriteFile(file, []byte(doc), 0o644)
}
