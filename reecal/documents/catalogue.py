"""What each bundled document is: one definition per document, with its disclaimer
quoted word for word (the quote check verifies it, like every record's quotes).

A title in square brackets is ours: the document itself carries none.
"""

from __future__ import annotations

from attrs import field, frozen

from reecal.model import checks as c

__all__ = ["CATALOGUE", "Document"]


@frozen(kw_only=True)
class Document:
    """A document records cite by ``path``; ``disclaimer`` is its own words on how far
    its claims can be trusted, or None when it carries no such words."""

    path: str = field(validator=c.line)
    title: str = field(validator=c.line)
    publisher: str | None = field(default=None, validator=c.opt_line)
    disclaimer: str | None = field(default=None, validator=c.opt_lines)


CATALOGUE = (
    Document(
        path="seeds/000_a110d6e786278c30.txt",
        title="[Article on the China Rare Earth Society's 7th Youth Academic Conference]",
        publisher="Rare Earth Exchanges",
        disclaimer="The information has not been independently verified and should be "
                   "confirmed through additional sources before being used for investment, "
                   "policy, or strategic decision-making.",
    ),
    Document(
        path="seeds/001_036046dba6a50dec.txt",
        title="[Article on the rare earth optoelectronics and catalysis conference in "
              "Ganzhou]",
        publisher="Rare Earth Exchanges",
        disclaimer="Statements, participation details, and strategic implications should be "
                   "independently verified using third-party sources before being relied "
                   "upon for investment, policy, or supply-chain decision-making.",
    ),
    Document(
        path="seeds/002_8fbe4b02216616b5.txt",
        title="China Rare Earth Society Launches 2025 National Program to Cultivate "
              "Doctoral Research Talent in Science and Technology",
        publisher="Rare Earth Exchanges",
        disclaimer="Information should be independently verified by third-party sources.",
    ),
    Document(
        path="seeds/003_784bcad1056c5b96.txt",
        title="[Article on the China Rare Earth Society leadership's field visit to Ganzhou]",
    ),
    Document(
        path="seeds/004_11ee882ffc5a69eb.txt",
        title="China Baotou Rare Earth Industry Forum Focuses on Building Largest Rare Earth "
              "New Material Base",
    ),
)
