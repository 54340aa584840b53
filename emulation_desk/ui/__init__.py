"""The PySide6 window: wiring, one module per tab, table models, dialogs."""
