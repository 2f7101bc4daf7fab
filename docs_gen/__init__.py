"""Build-time generation for the documentation site, from the bundled data and the package.

- `markers`: expands a page's ``<!-- generated: name args -->`` markers (run by the mkdocs
  hook in ``docs_hooks.py``) with what the generators below make;
- `tables`: the data pages' tables; `snippets`: short generated pieces inside prose;
  `chart`: the SVG chart of the running totals; `reference`: the API reference page;
- `docstrings`: a griffe extension, loaded by mkdocstrings, that makes the package's
  docstrings read well in the API reference;
- `markdown`: the Markdown building blocks they share.

Every generator is a plain function of a registry, tested in ``tests/test_docs.py``.
"""
