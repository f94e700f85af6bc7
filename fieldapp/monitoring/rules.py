"""Keyword expressions of watch rules: parse one, test a post's text, narrow through FTS5.

The language a volunteer types: words, "quoted phrases", OR, NOT (or `-word`),
parentheses, and AND between terms (written or not). `OU`, `ET`, `SAUF` say the same in
French and `|` is OR; the operators are recognised in capitals only, so `or`, `ou` and `et`
stay words. NOT binds tighter than AND, AND tighter than OR (as in SQLite FTS5):
`crue Quillan OR Limoux` is `(crue AND Quillan) OR Limoux`; parentheses say otherwise.
Accents and case never matter and a word finds the words that start with it
(folding.py): `inondation` finds `INONDATIONS`, `crue` finds `Crues` but not `recrue`,
`l'inondation` in a post is the word `inondation` after `l`. A phrase finds those words
one after the other, each as a start of word. A term that folds to several words
(`Brives-Charensac`, `aujourd'hui`) is a phrase. An empty expression matches every post
(a rule may select by area or language alone).

Errors name the problem and its place, one line, the place counted in characters from 1
(`unclosed quote at 12`): `RuleError`, a ValidationError of the field `expression`, with
an English template (`Why`) and its values, so that the window can translate it.

Pure functions and frozen values: any thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fieldapp.core.errors import ValidationError
from fieldapp.monitoring.folding import fold, words

__all__ = ["Rule", "RuleError", "Why", "fold", "fts_query", "matches", "parse_rule", "words"]


class Why:
    """Why an expression does not parse: English templates; %1 is a place (from 1)."""

    UNCLOSED_QUOTE = "unclosed quote at %1"
    EMPTY_QUOTES = "empty quotes at %1"
    UNCLOSED_PARENTHESIS = "unclosed parenthesis at %1"
    UNEXPECTED_CLOSE = "unexpected ) at %1"
    EMPTY_PARENTHESES = "empty parentheses at %1"
    NOT_NEEDS_WORD = "NOT needs a word after it at %1"
    MINUS_NEEDS_WORD = "- needs a word right after it at %1"
    OR_NEEDS_BEFORE = "OR needs a word before it at %1"
    OR_NEEDS_AFTER = "OR needs a word after it at %1"
    AND_NEEDS_BEFORE = "AND needs a word before it at %1"
    AND_NEEDS_AFTER = "AND needs a word after it at %1"
    NO_LETTERS = "nothing to look for in %2 at %1: no letter or digit"


class RuleError(ValidationError):
    """An expression that does not parse: `why` (a Why template), `values`, `position`
    (0-based index into the expression); str() is the one English line."""

    def __init__(self, why: str, position: int, *values: object):
        self.why, self.position = why, position
        self.values: tuple[object, ...] = (position + 1, *values)
        message = why
        for number, value in reversed(list(enumerate(self.values, start=1))):
            message = message.replace(f"%{number}", str(value))
        self.message = message
        super().__init__({"expression": ("invalid", message)})

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Term:
    """A word or a phrase: its folded words; found as starts of consecutive words."""

    words: tuple[str, ...]
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def test(self, spaced: str) -> bool:
        if self._pattern is None:
            return " " + self.words[0] in spaced
        return self._pattern.search(spaced) is not None


@dataclass(frozen=True)
class Not:
    part: Node


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


Node = Term | Not | And | Or


@dataclass(frozen=True)
class Rule:
    """A parsed expression; `root` None when it is empty (it matches every text)."""

    expression: str
    root: Node | None


def _term(found: list[str]) -> Term:
    if len(found) == 1:
        return Term((found[0],))
    # words are whole runs of letters and digits: nothing to escape, and a word's start
    # after a space in the spaced text (see `matches`)
    pattern = re.compile(" " + r"\S* ".join(re.escape(word) for word in found))
    return Term(tuple(found), pattern)


# -- lexing ---------------------------------------------------------------------------------

_OPERATORS = {"OR": "OR", "OU": "OR", "|": "OR", "AND": "AND", "ET": "AND", "NOT": "NOT",
              "SAUF": "NOT"}  # fmt: skip
_LEXEME = re.compile(r'[^\s"()]+')


@dataclass(frozen=True)
class _Token:
    kind: str  # TERM, OR, AND, NOT, (, )
    at: int
    term: Term | None = None


def _lex(expression: str) -> list[_Token]:
    tokens: list[_Token] = []
    at = 0
    while at < len(expression):
        char = expression[at]
        if char.isspace():
            at += 1
        elif char in "()":
            tokens.append(_Token(char, at))
            at += 1
        elif char == '"':
            at = _lex_phrase(expression, at, tokens)
        else:
            match = _LEXEME.match(expression, at)
            assert match is not None  # any other character starts a lexeme
            _lex_word(match.group(), at, expression, tokens)
            at = match.end()
    return tokens


def _lex_phrase(expression: str, at: int, tokens: list[_Token]) -> int:
    end = expression.find('"', at + 1)
    if end < 0:
        raise RuleError(Why.UNCLOSED_QUOTE, at)
    inside = expression[at + 1 : end]
    found = words(inside)
    if not inside.strip():
        raise RuleError(Why.EMPTY_QUOTES, at)
    if not found:
        raise RuleError(Why.NO_LETTERS, at, expression[at : end + 1])
    tokens.append(_Token("TERM", at, _term(found)))
    return end + 1


def _lex_word(lexeme: str, at: int, expression: str, tokens: list[_Token]) -> None:
    if lexeme in _OPERATORS:
        tokens.append(_Token(_OPERATORS[lexeme], at))
        return
    if lexeme.startswith("-"):
        following = expression[at + 1 : at + 2]
        if len(lexeme) == 1 and following not in ('"', "("):
            raise RuleError(Why.MINUS_NEEDS_WORD, at)
        tokens.append(_Token("NOT", at))
        lexeme, at = lexeme[1:], at + 1
        if not lexeme:
            return  # -"a phrase" or -(a group): the next token is its operand
    found = words(lexeme)
    if not found:
        raise RuleError(Why.NO_LETTERS, at, lexeme)
    tokens.append(_Token("TERM", at, _term(found)))


# -- parsing: or := and (OR and)* ; and := unary (AND? unary)* ; unary := NOT unary | atom --


class _Parser:
    def __init__(self, expression: str):
        self.expression = expression
        self.tokens = _lex(expression)
        self.at = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def end_position(self) -> int:
        return len(self.expression.rstrip())

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.parse_or()
        token = self.peek()
        if token is not None:  # only a stray ")" stops parse_or early
            raise RuleError(Why.UNEXPECTED_CLOSE, token.at)
        return node

    def parse_or(self) -> Node:
        first = self.peek()
        if first is not None and first.kind == "OR":
            raise RuleError(Why.OR_NEEDS_BEFORE, first.at)
        parts = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            following = self.peek()
            if following is None or following.kind in ("OR", "AND", ")"):
                raise RuleError(Why.OR_NEEDS_AFTER, token.at)
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self) -> Node:
        first = self.peek()
        if first is not None and first.kind == "AND":
            raise RuleError(Why.AND_NEEDS_BEFORE, first.at)
        parts = [self.parse_unary()]
        while (token := self.peek()) is not None and token.kind not in ("OR", ")"):
            if token.kind == "AND":
                self.take()
                following = self.peek()
                if following is None or following.kind in ("OR", "AND", ")"):
                    raise RuleError(Why.AND_NEEDS_AFTER, token.at)
            parts.append(self.parse_unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self) -> Node:
        token = self.take()
        if token.kind == "NOT":
            following = self.peek()
            if following is None or following.kind in ("OR", "AND", ")"):
                why = Why.NOT_NEEDS_WORD
                if self.expression[token.at] == "-":
                    why = Why.MINUS_NEEDS_WORD
                raise RuleError(why, token.at)
            return Not(self.parse_unary())
        if token.kind == "(":
            following = self.peek()
            if following is None:
                raise RuleError(Why.UNCLOSED_PARENTHESIS, token.at)
            if following.kind == ")":
                raise RuleError(Why.EMPTY_PARENTHESES, token.at)
            node = self.parse_or()
            closing = self.peek()
            if closing is None:
                raise RuleError(Why.UNCLOSED_PARENTHESIS, token.at)
            self.take()
            return node
        if token.kind == ")":
            raise RuleError(Why.UNEXPECTED_CLOSE, token.at)
        assert token.term is not None  # OR and AND were checked by the callers
        return token.term


def parse_rule(expression: str) -> Rule:
    """The parsed expression; raises RuleError naming the problem and its place."""
    return Rule(expression, _Parser(expression).parse())


# -- testing a text -------------------------------------------------------------------------


def spaced_words(text: str) -> str:
    """The form `matches` tests: folded words, each after a space (` crue de l aude`).
    Compute it once to test several rules against one text (`matches_spaced`)."""
    return " " + " ".join(words(text))


def matches(rule: Rule, text: str) -> bool:
    """Whether a post's text satisfies the rule. Never raises on any text."""
    return matches_spaced(rule, spaced_words(text))


def matches_spaced(rule: Rule, spaced: str) -> bool:
    return rule.root is None or _test(rule.root, spaced)


def _test(node: Node, spaced: str) -> bool:
    if isinstance(node, Term):
        return node.test(spaced)
    if isinstance(node, Not):
        return not _test(node.part, spaced)
    if isinstance(node, And):
        return all(_test(part, spaced) for part in node.parts)
    return any(_test(part, spaced) for part in node.parts)


# -- narrowing through the full-text index -------------------------------------------------


def fts_query(rule: Rule) -> str | None:
    """An FTS5 MATCH expression selecting a superset of the posts the rule matches, or
    None when the index cannot narrow it (an empty rule, only NOT, an OR with a NOT
    branch, words the index may fold otherwise). Negations are left out: the query only
    narrows, `matches` decides, and a NOT through the index could drop a post whose word
    the index splits otherwise (folding.py) from the result."""
    return None if rule.root is None else _fts(rule.root)


def _fts(node: Node) -> str | None:
    if isinstance(node, Term):
        if not all(word.isascii() for word in node.words):
            return None
        return " + ".join(f'"{word}" *' for word in node.words)
    if isinstance(node, Not):
        return None
    parts = [_fts(part) for part in node.parts]
    if isinstance(node, Or):
        if any(part is None for part in parts):
            return None
        return "(" + " OR ".join(str(part) for part in parts) + ")"
    known = [part for part in parts if part is not None]
    if not known:
        return None
    return "(" + " AND ".join(known) + ")"
