"""The seed data shipped with diplograph, as package data: curated records
(``curated/``), the documents they cite (``documents.yaml``), the gazetteers extraction
reads (``gazetteers/``) and sample articles written for this project (``texts/``).

Installed, this folder is ``diplograph.seeds``; in a source checkout it is ``seeds/``.
A package of its own (rather than loose data) so that ``importlib.resources`` finds it
as a plain folder in both, editable install included.
"""
