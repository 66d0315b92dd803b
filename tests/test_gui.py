"""The minimal main window opens on a database and shows every list."""

from __future__ import annotations

from casetracker.demo import load_demo


def test_main_window_shows_lists_and_counts(qtbot, services, tmp_path):
    from casetracker.gui.main_window import MainWindow

    load_demo(services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == [
        "Detainees (6)",
        "Letters (1)",
        "Sanctions (1)",
        "Responses (0)",
        "People (43)",
        "Organizations (7)",
    ]
    model = window.models["detainees"]
    names = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert "Ruben Vardanyan" in names
    assert model.data(model.index(0, 3)) == "27 Sep 2023"  # partial dates shown as dates
    assert "People: 43" in window.status_label.text()
    shot = tmp_path / "main.png"
    assert window.grab().save(str(shot)) and shot.stat().st_size > 5000
