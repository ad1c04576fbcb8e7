/// Every app setting, declared once, by family (`Settings+Checks.swift`...). Deploy code reads
/// typed values with `AppSettings`; `FAMILY:set` and `FAMILY:report` are generated from the
/// families in `SettingFamily.all`.
public enum Settings {}
