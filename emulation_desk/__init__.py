"""emulation_desk — thi đua, khen thưởng records and documents for a People's Committee."""

__version__ = "0.1.0"
APP_NAME = "emulation_desk"
APP_TITLE = "Quản lý Thi đua – Khen thưởng"
