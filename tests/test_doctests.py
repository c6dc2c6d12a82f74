"""The Examples in docstrings run, on the modules as installed (diplograph.graph, …).

pytest's --doctest-modules would import graph/*.py from the repository as a second,
top-level `graph` package beside the installed `diplograph.graph`; walking the installed
package runs each module's examples once, under its real name."""
import doctest
import importlib
import pkgutil

import pytest



def modules() -> list[str]:
    """Every module of the installed package. The layers are walked one by one: an
    editable install maps them by a finder that pkgutil does not see through."""
    names = {"diplograph"}
    for layer in ("diplograph", "diplograph.graph", "diplograph.loaders", "diplograph.viz"):
        package = importlib.import_module(layer)
        names.add(layer)
        names |= {info.name for info in pkgutil.walk_packages(package.__path__, layer + ".")}
    return sorted(names - {"diplograph.__main__"})


def examples(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder().find(module, name) if t.examples]


@pytest.mark.parametrize("name", [m for m in modules() if examples(m)])
def test_docstring_examples(name):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in examples(name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
