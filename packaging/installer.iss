; Inno Setup 6 script: per-user installer for Windows with Vietnamese texts.
; Build after PyInstaller (see packaging/README.md):  iscc /DAppVersion=0.1.0 packaging\installer.iss
; Uninstalling removes the program only: the data folder %LOCALAPPDATA%\emulation_desk is kept.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{8A6C2E1F-4B7D-4E2A-9C3B-1D5F7A9E0B24}
AppName=Quản lý Thi đua – Khen thưởng
AppVersion={#AppVersion}
AppPublisher=emulation_desk
DefaultDirName={localappdata}\Programs\emulation_desk
DefaultGroupName=Quản lý Thi đua – Khen thưởng
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\build\installer
OutputBaseFilename=CaiDat-QuanLyThiDuaKhenThuong-{#AppVersion}
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\emulation-desk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes
ShowLanguageDialog=no

[Languages]
Name: "vi"; MessagesFile: "compiler:Default.isl"

[Messages]
; The essential wizard texts in Vietnamese (the official translation file is not part of Inno Setup).
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt - %1
WelcomeLabel1=Chào mừng đến với chương trình cài đặt [name]
WelcomeLabel2=Chương trình sẽ cài đặt [name/ver] vào máy tính của bạn.%n%nHãy đóng các chương trình khác trước khi tiếp tục.
ButtonNext=&Tiếp theo >
ButtonBack=< &Quay lại
ButtonInstall=&Cài đặt
ButtonCancel=Hủy
ButtonFinish=&Hoàn tất
ButtonBrowse=&Chọn thư mục...
ButtonYes=&Có
ButtonNo=&Không
SelectDirLabel3=Chương trình sẽ được cài vào thư mục sau.
SelectDirBrowseLabel=Bấm Tiếp theo để tiếp tục. Muốn chọn thư mục khác, bấm Chọn thư mục.
ReadyLabel1=Sẵn sàng cài đặt [name].
ReadyLabel2a=Bấm Cài đặt để bắt đầu.
InstallingLabel=Đang cài đặt [name], xin chờ...
FinishedHeadingLabel=Đã cài đặt xong [name]
FinishedLabel=[name] đã được cài đặt. Có thể mở chương trình từ biểu tượng trên màn hình hoặc trong menu Start.
ClickFinish=Bấm Hoàn tất để đóng chương trình cài đặt.
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Việc cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nThoát cài đặt?
ConfirmUninstall=Gỡ bỏ %1? Dữ liệu thi đua, khen thưởng và các bản sao lưu được giữ nguyên.
UninstalledAll=Đã gỡ bỏ %1. Dữ liệu của bạn vẫn được giữ trong thư mục %%LOCALAPPDATA%%\emulation_desk.

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình"; GroupDescription: "Biểu tượng:"

[Files]
Source: "..\build\dist\emulation_desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Quản lý Thi đua – Khen thưởng"; Filename: "{app}\emulation-desk.exe"
Name: "{group}\Dữ liệu mẫu năm 2020"; Filename: "{app}\emulation-desk.exe"; Parameters: "--demo"
Name: "{group}\Gỡ bỏ chương trình"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Quản lý Thi đua – Khen thưởng"; Filename: "{app}\emulation-desk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\emulation-desk.exe"; Description: "Mở chương trình ngay"; Flags: nowait postinstall skipifsilent
