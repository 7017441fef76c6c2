package lint

// SetNarrowGates turns the narrow comparison of Since on or off.
func SetNarrowGates(on bool) { narrowGates = on }
