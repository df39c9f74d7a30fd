"""planrecon: reconcile UK council action plans across committee papers."""

__version__ = "0.1.0"
