"""Reading articles: files and manifests, decoding, HTML, front matter, boilerplate."""
