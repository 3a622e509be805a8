fn main() {
    // Only these commands exist for the UI; capabilities/default.json grants them.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "workspace_info",
        "set_actor",
        "list_records",
        "show_record",
        "record_input",
        "add_record",
        "edit_record",
        "archive_record",
        "unarchive_record",
        "user_step",
        "trademark_event",
        "add_photo",
        "photo_data",
        "dossier_settings",
        "set_dossier_settings",
        "preview_dossier",
        "save_dossier",
        "batch_count",
        "print_batch",
        "cancel_batch",
        "open_batch_folder",
        "search",
        "deadlines",
        "audit_log",
        "restore_value",
        "backup_now",
        "list_backups",
        "restore_backup",
        "check",
        "overview",
        "related",
        "mark_first_rows",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script");
}
