; Inno Setup script of the Windows installer: per user, without administrator rights.
;
;   python packaging\build_bundle.py                       (build\dist\fieldvisit\)
;   iscc /DAppVersion=0.1.0 packaging\windows\fieldvisit.iss
;
; gives build\fieldvisit-0.1.0-setup.exe. It installs the bundle under
; %LOCALAPPDATA%\Programs\Fieldvisit (no UAC prompt: grassroots laptops are often locked
; down), adds a Start-menu entry (and a desktop icon if asked), and an uninstaller in the
; user's "Apps". The program keeps its data under %LOCALAPPDATA%\Fieldvisit (platformdirs,
; ui/main.py) and its preferences in the user's registry (QSettings): the uninstaller
; leaves both, so a reinstall finds the member's data.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "入户走访助手"
#define Bundle "..\..\build\dist\fieldvisit"

[Setup]
AppId={{6F1C3B2E-7A4D-4E59-9B1A-2D6E8C4F0A17}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Fieldvisit
DefaultDirName={localappdata}\Programs\Fieldvisit
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build
OutputBaseFilename=fieldvisit-{#AppVersion}-setup
SetupIconFile=..\icons\fieldvisit.ico
UninstallDisplayIcon={app}\fieldvisit.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
; Inno Setup 6 ships ChineseSimplified as an official translation
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\fieldvisit.exe"; IconFilename: "{app}\fieldvisit.exe"
Name: "{userprograms}\{#AppName}（演示）"; Filename: "{app}\fieldvisit.exe"; Parameters: "--demo"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\fieldvisit.exe"; Tasks: desktopicon

[Run]
; the installation checks itself before it is offered to start (console twin: output shown)
Filename: "{app}\fieldvisit-console.exe"; Parameters: "--self-check"; StatusMsg: "自检 self-check"; Flags: runhidden waituntilterminated
Filename: "{app}\fieldvisit.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
