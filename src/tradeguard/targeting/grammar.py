"""The rule grammar: one allow-list of what a `where` may say, typed, and the limits on its size.

Every construct accepted here means the same thing, NULLs included, on DuckDB, Polars, Spark and
the real-time interpreter; tests/unit/targeting/test_grammar_property.py generates predicates
from this grammar and compares the four. Anything else is refused when the rule is loaded,
naming the rule and the construct (docs/rules.md, "What `where` may contain").

Numbers: every engine computes arithmetic in IEEE double (`render` casts numeric literals and
arithmetic operands to DOUBLE; the interpreter and Polars do the same), so integer overflow and
DECIMAL rounding, where the engines differ, never happen. Literals are bounded and products are
few, so no double overflows to infinity or NaN, whose ordering the engines disagree about.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlglot import exp
from sqlglot.tokens import Token

from tradeguard.domain.errors import InvalidInput
from tradeguard.targeting.column_scope import column_kinds
from tradeguard.targeting.columns import BOOL, DATE, NUMBER, TEXT

# A `where` longer than this is not a screening predicate; the limit also bounds parse time.
MAX_WHERE_CHARS = 4000
# Parentheses, NOT, CASE, functions and operators inside one another. sqlglot's parser recurses
# about 23 Python frames per parenthesis, so ~43 levels exhausted the stack: 16 is far from it.
MAX_NESTING = 16
# Multiplications and divisions per predicate: with literals bounded below, no product of rule
# columns and literals reaches 1e308 (where the engines disagree about infinity).
MAX_PRODUCTS = 8
MAX_LITERAL = 1e15
MAX_DIGITS = 15  # significant digits a double carries exactly from every engine's parser

# Case folding is ASCII only on every engine: their Unicode case maps differ ('ß', 'İ', 'ﬁ').
ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ASCII_LOWER = ASCII_UPPER.lower()
TO_LOWER = str.maketrans(ASCII_UPPER, ASCII_LOWER)
TO_UPPER = str.maketrans(ASCII_LOWER, ASCII_UPPER)

COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE)
ARITHMETIC = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod)
# The scalar functions, by sqlglot node: (name in messages, argument kinds, result kind).
FUNCTIONS: dict[type[exp.Expr], tuple[str, tuple[str, ...], str]] = {
    exp.Lower: ("lower", (TEXT,), TEXT),
    exp.Upper: ("upper", (TEXT,), TEXT),
    exp.Length: ("length", (TEXT,), NUMBER),
    exp.Abs: ("abs", (NUMBER,), NUMBER),
}
# Refused constructs whose plain rewrite the message suggests.
_INSTEAD: dict[type[exp.Expr], str] = {
    exp.If: "write CASE WHEN ... THEN ... ELSE ... END",
    exp.Escape: "ESCAPE is not allowed; LIKE patterns use only % and _",
    exp.TryCast: "only DATE 'YYYY-MM-DD' literals may be cast",
}


def refuse(rule_id: str, node: exp.Expr | str, problem: str) -> InvalidInput:
    fragment = node if isinstance(node, str) else node.sql(dialect="duckdb")
    return InvalidInput(f"rule {rule_id}: {problem}: {fragment[:200]!r}", "where")


def token_nesting(tokens: list[Token]) -> int:
    """The deepest nesting the parser will recurse into, read from the tokens alone.

    Counted before parsing, since parsing is what recursion exhausts: open parentheses and
    CASEs, plus the current run of prefix operators (NOT NOT ..., - - ...).
    """
    depth = deepest = prefix_run = 0
    for token in tokens:
        kind = token.token_type.name
        if kind in ("L_PAREN", "CASE"):
            depth += 1
        elif kind in ("R_PAREN", "END"):
            depth -= 1
        prefix_run = prefix_run + 1 if kind in ("NOT", "DASH", "PLUS") else 0
        deepest = max(deepest, depth + prefix_run)
    return deepest


_LEAVES = (exp.Column, exp.Identifier, exp.Literal, exp.Boolean, exp.Null, exp.DataType)


def tree_nesting(tree: exp.Expr) -> int:
    """Depth of the parsed tree, without recursion: a chain of ANDs (or ORs) is one level and
    parentheses add none, so a long list of conditions is fine and deep nesting is not."""
    deepest = 0
    stack: list[tuple[exp.Expr, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        for child in node.iter_expressions():
            same_chain = isinstance(node, exp.Connector) and type(child) is type(node)
            flat = same_chain or isinstance(child, (exp.Paren, *_LEAVES))
            step = 0 if flat else 1
            stack.append((child, depth + step))
    return deepest


def _number(rule_id: str, node: exp.Literal) -> None:
    try:
        value = float(node.this)
    except ValueError:
        raise refuse(rule_id, node, "not a number") from None
    digits = node.this.lower().split("e")[0].replace(".", "").strip("0")
    if abs(value) > MAX_LITERAL or (value != 0 and abs(value) < 1 / MAX_LITERAL):
        raise refuse(rule_id, node, "a number must lie between 1e-15 and 1e15 (or be 0)")
    if len(digits) > MAX_DIGITS:
        raise refuse(rule_id, node, f"a number has at most {MAX_DIGITS} significant digits")


def _date_literal(rule_id: str, node: exp.Cast) -> str:
    literal = node.this
    if not (
        type(node) is exp.Cast
        and node.to.is_type(exp.DataType.Type.DATE)
        and isinstance(literal, exp.Literal)
        and literal.is_string
    ):
        raise refuse(rule_id, node, "only DATE 'YYYY-MM-DD' literals may be cast")
    try:
        date.fromisoformat(literal.this)
    except ValueError:
        raise refuse(rule_id, node, "not a valid date") from None
    return DATE


def _same_kind(rule_id: str, node: exp.Expr, parts: Sequence[exp.Expr | None], what: str) -> str:
    kinds = [kind_of(rule_id, p) for p in parts]
    if len(set(kinds)) > 1:
        raise refuse(rule_id, node, f"{what} {' with '.join(sorted(set(kinds)))}")
    return kinds[0]


def _expect(rule_id: str, node: exp.Expr, operand: exp.Expr | None, kind: str, what: str) -> None:
    if kind_of(rule_id, operand) != kind:
        raise refuse(rule_id, node, what)


def _string_literal(node: exp.Expr) -> bool:
    return isinstance(node, exp.Literal) and node.is_string


def kind_of(rule_id: str, node: exp.Expr | None) -> str:
    """The kind (text, number, date, bool) of an allowed expression; refuse anything else."""
    if node is None:  # e.g. lower() with no argument
        raise refuse(rule_id, "()", "a function argument is missing")
    kind = _leaf_kind(rule_id, node) or _operator_kind(rule_id, node)
    kind = kind or _function_kind(rule_id, node)
    if kind is None:
        raise _not_allowed(rule_id, node)
    return kind


def _leaf_kind(rule_id: str, node: exp.Expr) -> str | None:
    """A column, a literal or a parenthesis; None for anything else."""
    if isinstance(node, exp.Paren):
        return kind_of(rule_id, node.this)
    if isinstance(node, exp.Column):
        columns = column_kinds()
        if node.table or node.name not in columns:
            raise refuse(rule_id, node, "unknown column")
        return columns[node.name]
    if isinstance(node, exp.Literal):
        if node.is_string:
            return TEXT
        _number(rule_id, node)
        return NUMBER
    if isinstance(node, exp.Boolean):
        return BOOL
    if isinstance(node, exp.Null):
        raise refuse(rule_id, node, "NULL may only be tested with IS NULL / IS NOT NULL")
    if isinstance(node, exp.Cast):
        return _date_literal(rule_id, node)
    return None


def _operator_kind(rule_id: str, node: exp.Expr) -> str | None:  # noqa: C901 - one branch per operator
    """Comparisons, arithmetic and logic; None for anything else."""
    if isinstance(node, COMPARISONS):
        _same_kind(rule_id, node, [node.this, node.expression], "compares")
        return BOOL
    if isinstance(node, ARITHMETIC):
        for side in (node.this, node.expression):
            _expect(rule_id, node, side, NUMBER, "arithmetic on a non-number")
        return NUMBER
    if isinstance(node, exp.Neg):
        _expect(rule_id, node, node.this, NUMBER, "minus of a non-number")
        return NUMBER
    if isinstance(node, exp.And | exp.Or):
        for part in node.flatten():
            _expect(rule_id, node, part, BOOL, "AND / OR of a non-boolean")
        return BOOL
    if isinstance(node, exp.Not):
        _expect(rule_id, node, node.this, BOOL, "NOT of a non-boolean")
        return BOOL
    if isinstance(node, exp.Is):
        if not isinstance(node.expression, exp.Null):
            raise refuse(rule_id, node, "only IS NULL / IS NOT NULL are allowed")
        kind_of(rule_id, node.this)
        return BOOL
    if isinstance(node, exp.In):
        return _in(rule_id, node)
    if isinstance(node, exp.Between):
        low, high = node.args["low"], node.args["high"]
        _same_kind(rule_id, node, [node.this, low, high], "compares")
        return BOOL
    return None


def _function_kind(rule_id: str, node: exp.Expr) -> str | None:
    """Text tests, CASE, COALESCE and the whitelisted functions; None for anything else."""
    if isinstance(node, exp.Like | exp.ILike):
        _expect(rule_id, node, node.this, TEXT, "LIKE on a non-text value")
        pattern = node.expression
        if not _string_literal(pattern) or "\\" in pattern.this:
            raise refuse(rule_id, node, "a LIKE pattern is a text literal without backslashes")
        return BOOL
    if isinstance(node, exp.StartsWith):
        _expect(rule_id, node, node.this, TEXT, "starts_with on a non-text value")
        if not _string_literal(node.expression):
            raise refuse(rule_id, node, "starts_with needs a text literal prefix")
        return BOOL
    if isinstance(node, exp.Case):
        return _case(rule_id, node)
    if isinstance(node, exp.Coalesce):
        return _same_kind(rule_id, node, [node.this, *node.expressions], "coalesce mixes")
    if isinstance(node, exp.Substring):
        return _substring(rule_id, node)
    if type(node) in FUNCTIONS:
        name, (argument,), result = FUNCTIONS[type(node)]
        _expect(rule_id, node, node.this, argument, f"{name} of a non-{argument} value")
        return result
    return None


def _not_allowed(rule_id: str, node: exp.Expr) -> InvalidInput:
    if type(node) in _INSTEAD:
        name = "if" if isinstance(node, exp.If) else type(node).__name__.lower()
        # Spark's dialect writes IF as the analyst did; DuckDB's would show a CASE instead.
        fragment = node.sql(dialect="spark")
        return refuse(rule_id, fragment, f"{name} is not allowed; {_INSTEAD[type(node)]}")
    if isinstance(node, exp.Subquery | exp.Select | exp.Query):
        return refuse(rule_id, node, "subqueries are not allowed")
    if isinstance(node, exp.Func):
        name = node.name if isinstance(node, exp.Anonymous) else node.sql_name()
        return refuse(rule_id, node, f"function {name.lower()} is not allowed")
    return refuse(rule_id, node, f"{type(node).__name__.lower()} is not allowed")


def _in(rule_id: str, node: exp.In) -> str:
    if node.args.get("query") or node.args.get("unnest") or not node.expressions:
        raise refuse(rule_id, node, "IN takes a list of literals")
    kind = kind_of(rule_id, node.this)
    if kind not in (TEXT, NUMBER):
        raise refuse(rule_id, node, "IN compares text or numbers")
    for option in node.expressions:
        literal = option.this if isinstance(option, exp.Neg) else option
        if not isinstance(literal, exp.Literal) or kind_of(rule_id, option) != kind:
            raise refuse(rule_id, node, f"IN options are {kind} literals")
    return BOOL


def _case(rule_id: str, node: exp.Case) -> str:
    if node.this is not None:
        raise refuse(rule_id, node, "write CASE WHEN column = value, not CASE column WHEN")
    results: list[exp.Expr] = []
    for branch in node.args["ifs"]:
        _expect(rule_id, node, branch.this, BOOL, "CASE WHEN needs a true/false condition")
        results.append(branch.args["true"])
    if node.args.get("default") is not None:
        results.append(node.args["default"])
    return _same_kind(rule_id, node, results, "CASE mixes")


def _substring(rule_id: str, node: exp.Substring) -> str:
    _expect(rule_id, node, node.this, TEXT, "substr of a non-text value")
    for part in (node.args.get("start"), node.args.get("length")):
        if not (isinstance(part, exp.Literal) and not part.is_string and part.this.isdigit()):
            raise refuse(rule_id, node, "substr needs literal start ≥ 1 and length")
    if int(node.args["start"].this) < 1:
        raise refuse(rule_id, node, "substr start counts from 1")
    return TEXT


def count_products(tree: exp.Expr) -> int:
    return sum(1 for n in tree.walk() if isinstance(n, exp.Mul | exp.Div | exp.Mod))
