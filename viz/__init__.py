"""Graph -> pages, pictures and files. Imports only ``graph``."""
