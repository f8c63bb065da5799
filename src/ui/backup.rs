//! Settings → Backup: everything shared in one file, and merging a backup
//! or another device's export back in (checked first, all or nothing).
//!
//! The card is drawn by the main module (the welcome screen shows it); the
//! work behind its buttons (the backup format, the record decoder, the
//! store's merge) is a chunk fetched when a file is chosen or an export
//! asked for: most devices never need it.

use super::state::{tr, use_state, AppState};
use crate::domain::backup::{self, BackupError, RecordProblem};
use crate::domain::doc::Record;
use crate::domain::i18n::{field_error, Msg};
use crate::pwa::split::split_fn;
use crate::pwa::{download::download_text, intl};
use crate::store::backup::{all_records, import, plan, Merge};
use crate::store::StoreResult;
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Why a file was refused, in the person's words.
fn refusal(state: AppState, error: &BackupError) -> String {
    match error {
        BackupError::Empty => state.t(Msg::BackupEmpty).to_owned(),
        BackupError::TooLarge { max_bytes } => state.tf(Msg::BackupTooLarge, &[("max", &(max_bytes / 1_000_000).to_string())]),
        BackupError::Truncated => state.t(Msg::BackupTruncated).to_owned(),
        BackupError::NotJson { line, column } => {
            state.tf(Msg::BackupNotJson, &[("line", &line.to_string()), ("column", &column.to_string())])
        }
        BackupError::NotOurs => state.t(Msg::BackupNotOurs).to_owned(),
        BackupError::UnknownVersion(v) => state.tf(Msg::BackupNewer, &[("version", &v.to_string())]),
        BackupError::Records { errors, total } => {
            let list: Vec<String> = errors
                .iter()
                .map(|e| {
                    let place = e.index.map(|i| format!(" #{i}")).unwrap_or_default();
                    let why = match &e.problem {
                        RecordProblem::UnknownKind => state.t(Msg::RecordUnknownKind).to_owned(),
                        RecordProblem::DuplicateId => state.t(Msg::RecordDuplicateId).to_owned(),
                        RecordProblem::Invalid(detail) => state.tf(Msg::RecordInvalid, &[("detail", detail)]),
                        RecordProblem::Field(flaw) => state
                            .tf(Msg::RecordBreaksRule, &[("field", flaw.field), ("rule", &field_error(flaw.error, state.lang()))]),
                    };
                    format!("{}{place}{}: {why}", e.kind, e.id.as_deref().map(|id| format!(" ({id})")).unwrap_or_default())
                })
                .collect();
            state.count(*total, Msg::BackupBadRecordsOne, Msg::BackupBadRecords, &[("list", &list.join("; "))])
        }
    }
}

/// A file read and checked, waiting for the person's word.
#[derive(Clone)]
struct Ready {
    file: String,
    records: Rc<Vec<Record>>,
    person_id: Option<String>,
    merge: Merge,
}

split_fn!(backup,
    /// Checks a chosen file and what merging it would do: `Err` is why the
    /// file is refused, in the person's words.
    fn check_file(state: AppState, file: String, bytes: Vec<u8>) -> Result<LocalBoxFuture<'static, StoreResult<Result<Ready, String>>>, SplitLoaderError> {
        Ok(Box::pin(async move {
            let found = match String::from_utf8(bytes) {
                Err(_) => return Ok(Err(refusal(state, &BackupError::NotOurs))),
                Ok(text) => match backup::parse(&text) {
                    Err(error) => return Ok(Err(refusal(state, &error))),
                    Ok(found) => found,
                },
            };
            let merge = plan(&state.db(), &found.records).await?;
            Ok(Ok(Ready { file, records: Rc::new(found.records), person_id: found.person_id, merge }))
        }))
    }
);

split_fn!(backup,
    /// Merges a checked file's records, all or nothing.
    fn merge_records(state: AppState, records: Rc<Vec<Record>>) -> Result<LocalBoxFuture<'static, StoreResult<Merge>>, SplitLoaderError> {
        Ok(Box::pin(async move { import(&state.db(), &records).await }))
    }
);

split_fn!(backup,
    /// Every record of this device in one file, downloaded.
    fn export_all(state: AppState) -> Result<LocalBoxFuture<'static, ()>, SplitLoaderError> {
        Ok(Box::pin(async move {
            match all_records(&state.db()).await {
                Ok(records) => {
                    let now = intl::now();
                    let (device, person) = state.device.with_untracked(|d| (d.device_id.clone(), d.person_id.clone()));
                    let file = format!("oasis-backup-{}.json", state.zone().date_of(now));
                    match download_text(&file, "application/json", &backup::export(&records, now, &device, person.as_deref())) {
                        Ok(()) => state.notify(state.tf(Msg::BackupExported, &[("file", &file), ("n", &records.len().to_string())])),
                        Err(_) => state.show_error(state.t(Msg::DownloadFailed).to_owned()),
                    }
                }
                Err(error) => state.notify_error(&error),
            }
        }))
    }
);

/// Export and import; on a fresh device (the welcome screen), `restore`
/// shows only the import, and the device becomes the backup's person's.
#[component]
pub fn BackupCard(#[prop(optional)] restore: bool) -> impl IntoView {
    let state = use_state();
    let busy = RwSignal::new(false);
    let ready = RwSignal::new_local(None::<Ready>);
    let problem = RwSignal::new(None::<String>);

    let export = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match export_all(state).await {
                Ok(exporting) => exporting.await,
                Err(_) => state.show_error(state.t(Msg::BackupNeedsConnection).to_owned()),
            }
            busy.set(false);
        });
    };

    let chosen = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        ready.set(None);
        problem.set(None);
        // Refused before it is read: a huge file would freeze the page.
        if file.size() > backup::MAX_BYTES as f64 {
            problem.set(Some(refusal(state, &BackupError::TooLarge { max_bytes: backup::MAX_BYTES })));
            input.set_value("");
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let read = crate::pwa::files::read_chosen_file(&input).await;
            input.set_value("");
            match read {
                None => problem.set(Some(state.t(Msg::FileUnreadable).to_owned())),
                // The chunk could not be fetched (offline before the
                // service worker kept it): said where refusals are.
                Some((name, bytes)) => match check_file(state, name, bytes).await {
                    Err(_) => problem.set(Some(state.t(Msg::BackupNeedsConnection).to_owned())),
                    Ok(checking) => match checking.await {
                        Ok(Ok(checked)) => ready.set(Some(checked)),
                        Ok(Err(why)) => problem.set(Some(why)),
                        Err(error) => state.notify_error(&error),
                    },
                },
            }
            busy.set(false);
        });
    };

    let merge_now = move |_| {
        let Some(file) = ready.get_untracked() else { return };
        // A second tap while merging does nothing.
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match merge_records(state, file.records.clone()).await {
                Err(_) => problem.set(Some(state.t(Msg::BackupNeedsConnection).to_owned())),
                Ok(merging) => match merging.await {
                    Ok(done) => {
                        ready.set(None);
                        // A fresh device restoring a backup is its person's again.
                        let theirs = file.person_id.filter(|id| file.records.iter().any(|r| matches!(r, Record::Person(p) if &p.meta.id == id)));
                        if state.person_id().is_none() && theirs.is_some() {
                            state.change_device(move |d| d.person_id = theirs.clone());
                        }
                        state.notify(state.tf(
                            Msg::BackupMerged,
                            &[("file", &file.file), ("added", &done.added.to_string()), ("updated", &done.updated.to_string())],
                        ));
                    }
                    Err(error) => state.notify_error(&error),
                },
            }
            busy.set(false);
        });
    };

    view! {
        <div class="card" data-testid="backup">
            <h2>{tr(if restore { Msg::RestoreBackup } else { Msg::Backup })}</h2>
            <p class="muted small">{tr(if restore { Msg::RestoreBackupHint } else { Msg::BackupHint })}</p>
            {(!restore).then(|| view! {
                <button class="btn" on:click=export disabled=move || busy.get() data-testid="export-backup">{tr(Msg::ExportBackup)}</button>
            })}
            <div class="field">
                <label for="backup-file">{tr(Msg::ImportBackup)}</label>
                <input id="backup-file" type="file" accept="application/json,.json" on:change=chosen disabled=move || busy.get() />
            </div>
            <p class="field-error" role="alert" data-testid="backup-problem">{move || problem.get()}</p>
            {move || ready.get().map(|r| view! {
                <div class="confirm" data-testid="backup-ready">
                    <p>{state.tf(Msg::BackupPlan, &[
                        ("file", &r.file),
                        ("n", &r.records.len().to_string()),
                        ("added", &r.merge.added.to_string()),
                        ("updated", &r.merge.updated.to_string()),
                        ("kept", &r.merge.kept.to_string()),
                    ])}</p>
                    <div class="actions">
                        <button class="btn primary" on:click=merge_now disabled=move || busy.get()>{tr(Msg::MergeBackup)}</button>
                        <button class="btn" on:click=move |_| ready.set(None)>{tr(Msg::Cancel)}</button>
                    </div>
                </div>
            })}
        </div>
    }
}
