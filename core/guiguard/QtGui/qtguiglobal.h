// Placed first on arbor_core's include path: every QtGui header includes this file, so a GUI header
// pulled into core/ stops the build here instead of linking silently.
#error "core/ must not include QtGui headers: keep GUI code in widgets/ (see DESIGN.md, Layers)"
