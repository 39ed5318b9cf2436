"""Untrusted text shown in a terminal or a spreadsheet cannot act on it."""

from eventdb.safe_text import for_csv, for_terminal


def test_control_characters_are_shown_not_obeyed():
    assert for_terminal("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert for_terminal("file\nerror: forged") == "file\\nerror: forged"
    assert for_terminal("tab\there", keep="\t") == "tab\there"
    assert for_terminal("\x9bC1 and \x7f") == "\\x9bC1 and \\x7f"
    assert for_terminal("Kata’ib Hezbollah — plain") == "Kata’ib Hezbollah — plain"


def test_formula_cells_are_neutralised_and_others_untouched():
    for cell in ("=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert for_csv(cell) == "'" + cell
    assert for_csv("Ain al-Asad") == "Ain al-Asad"
    assert for_csv(-5) == -5 and for_csv(None) is None


def test_csv_output_neutralises_text_cells_but_not_negative_numbers():
    import io

    from eventdb.output import write_csv
    from eventdb.reports import Table

    out = io.StringIO()
    write_csv(Table(["title", "delta", "names"], [("=cmd|' /C calc'!A0", -3, ["@x", "y"])]), out)
    assert out.getvalue().splitlines()[1] == "'=cmd|' /C calc'!A0,-3,'@x; y"
