"""One module per council paper rendered by ``scripts.build_samples``."""
