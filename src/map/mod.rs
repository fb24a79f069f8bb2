//! The map widget: projection, cached meshes, styling, labels, hover, click. Knows nothing of essays.
