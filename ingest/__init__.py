"""Turn files into plain typed objects: documents, passages and amounts.

Nothing here knows about Chroma, embeddings or search; `retrieval/` owns those.
"""
