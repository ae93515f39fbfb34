"""Entry points: command line, HTTP API and Streamlit app. Thin layers over retrieval/."""
