// Placed first on arbor_core's include path: every QtWidgets header includes this file.
#error "core/ must not include QtWidgets headers: keep GUI code in widgets/ (see DESIGN.md, Layers)"
