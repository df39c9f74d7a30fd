"""Owner cells -> canonical owners, checked against the shared hand-checked vectors
(with the vectors' own alias file, and with the product's default config), plus
the officer-facing behaviour of the YAML config."""


import pytest

from planrecon.normalise.owners import OwnerAliases, default_aliases, is_known, parse_owners
from tests.conftest import VECTORS, vector_rows

ROWS = vector_rows("owners.csv")
IDS = [f"{i:03d}:{row['raw'][:40]}" for i, row in enumerate(ROWS)]


@pytest.fixture(scope="module")
def vector_aliases() -> OwnerAliases:
    return OwnerAliases.from_yaml(VECTORS / "owner_aliases.yaml")


def test_vectors_present():
    assert len(ROWS) == 102


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_vector_with_vector_aliases(row, vector_aliases):
    assert ";".join(parse_owners(row["raw"], vector_aliases)) == row["owners"]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_vector_with_default_config(row):
    """Our shipped config must reach the same canonical names for the seed cells."""
    expected = [name for name in row["owners"].split(";") if name]
    aliases = default_aliases()
    assert all(is_known(name, aliases) for name in expected), "canonical name missing from config"
    assert parse_owners(row["raw"], aliases) == expected


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_vector_cells_fully_resolved_by_default_config(row):
    assert all(is_known(n, default_aliases()) for n in parse_owners(row["raw"], default_aliases()))


def test_unknown_names_are_kept_and_tidied():
    aliases = default_aliases()
    owners = parse_owners("SPT & housing options team", aliases)
    assert owners == ["Housing Options Team", "Supporting People Team"]
    assert not is_known("Housing Options Team", aliases)
    assert is_known("Supporting People Team", aliases)
    assert is_known("SP team", aliases)


@pytest.mark.parametrize("raw", [None, "", "   ", "TBC", "tba", "N/A", "to be confirmed"])
def test_placeholders_mean_no_owner(raw):
    assert parse_owners(raw, default_aliases()) == []


def test_capitals_only_forms_are_case_sensitive():
    aliases = OwnerAliases.from_mapping({"London Borough of Barnet": ["LA"]})
    assert parse_owners("LA", aliases) == ["London Borough of Barnet"]
    assert parse_owners("la", aliases) == ["La"]


def test_unknown_parenthesis_is_never_split():
    assert parse_owners("Head of Service (Adults & Children)", OwnerAliases()) == [
        "Head of Service (Adults & Children)"
    ]


def test_members_qualifier_works_for_any_known_body():
    aliases = OwnerAliases.from_mapping({"Programme Board": ["PB"]})
    assert parse_owners("PB - individual members", aliases) == ["Programme Board Members"]


def test_officer_yaml_extends_defaults(tmp_path):
    extra = tmp_path / "owners.yaml"
    extra.write_text(
        "aliases:\n"
        "  Housing Options Team: [HOT, Housing Options]\n"
        "  CSG: [Commissioning Support Group]\n"
        "never_split:\n"
        "  - Learning and Development Unit\n",
        encoding="utf-8",
    )
    defaults = default_aliases()
    merged = defaults.merged(OwnerAliases.from_yaml(extra))
    assert parse_owners("HOT & SPT", merged) == ["Housing Options Team", "Supporting People Team"]
    assert parse_owners("Commissioning Support Group", merged) == ["CSG"]
    assert parse_owners("Learning and Development Unit", merged) == [
        "Learning and Development Unit"
    ]
    assert is_known("Learning and Development Unit", merged)
    # everything the defaults knew still resolves
    assert parse_owners("CB & CSG & SPT", merged) == parse_owners("CB & CSG & SPT", defaults)


def test_from_yaml_loads_files_in_order(tmp_path):
    first = tmp_path / "a.yaml"
    first.write_text("Team A: [TA]\n", encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text("councils:\n  x:\n    aliases:\n      Team B: [TA]\n", encoding="utf-8")
    assert parse_owners("TA", OwnerAliases.from_yaml(first, second)) == ["Team B"]
    assert parse_owners("TA", OwnerAliases.from_yaml(second, first)) == ["Team A"]


def test_later_file_can_rename_a_canonical_name(tmp_path):
    extra = tmp_path / "rename.yaml"
    extra.write_text("aliases:\n  SP Team (Barnet): [Supporting People Team]\n", encoding="utf-8")
    aliases = default_aliases().merged(OwnerAliases.from_yaml(extra))
    assert parse_owners("SPT & Supporting People Team", aliases) == ["SP Team (Barnet)"]


def test_conflicting_forms_in_one_file_are_rejected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "councils:\n  a: {aliases: {Team A: [T]}}\n  b: {aliases: {Team B: [T]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="'T'"):
        OwnerAliases.from_yaml(bad)


def test_yaml_non_text_names_are_rejected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("aliases:\n  Team A: [NO]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="quote"):
        OwnerAliases.from_yaml(bad)


def test_misspelt_section_key_is_rejected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("councils:\n  barnet:\n    alias: {Team A: [TA]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="barnet"):
        OwnerAliases.from_yaml(bad)
