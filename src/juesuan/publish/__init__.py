"""Publishing the book: the runner (planning by content hashes, running notebooks in warm kernels,
promoting them into book/), the site process and its Chinese search, charts, the display of report
text, the Excel workbooks and the intro. Takes data/, analysis and audit; gives book/ and _build/html."""
