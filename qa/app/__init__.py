"""The Gradio app: the page, its handlers, what it shows, the source viewer, library changes, serving and the API."""
