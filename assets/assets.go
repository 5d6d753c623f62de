// Package assets holds the application's icon. icon.svg is the source;
// icon.png is drawn from the same paths with ImageMagick (see the Makefile
// target `icon`), since Debian's ImageMagick has no SVG reader by default.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is Plume's application icon.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
