//! The admin adds, edits and retires books.

use super::{cover_view, use_library};
use crate::domain::books::{
    isbn_taken, Book, BookErrors, BookField, BookFields, BookForm, PHOTO_HEIGHT, PHOTO_MAX_CHARS, PHOTO_WIDTH,
    PICTURE_MAX_BYTES,
};
use crate::pwa::files::{chosen_file, small_jpeg};
use crate::domain::text::FieldError;
use crate::domain::i18n::{field_error, Msg};
use crate::store::books::{add_book, add_copies, save_book};
use crate::store::StoreError;
use crate::ui::form::{focus_first_invalid, focus_when_drawn, EditFields, Meanwhile, Saving, TextField};
use crate::ui::state::{tr, use_state, AppState};
use crate::ui::qr::{Code, Scanner};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The form's fields, one signal each.
#[derive(Clone, Copy)]
struct Fields {
    title: RwSignal<String>,
    authors: RwSignal<String>,
    isbn: RwSignal<String>,
    copies: RwSignal<String>,
    tags: RwSignal<String>,
    recommended_by: RwSignal<String>,
    shelf: RwSignal<String>,
    notes: RwSignal<String>,
    photo: RwSignal<Option<String>>,
}

impl Fields {
    fn new() -> Fields {
        let field = |text: &str| RwSignal::new(text.to_owned());
        Fields {
            title: field(""),
            authors: field(""),
            isbn: field(""),
            copies: field("1"),
            tags: field(""),
            recommended_by: field(""),
            shelf: field(""),
            notes: field(""),
            photo: RwSignal::new(None),
        }
    }

    fn fill(&self, form: BookForm) {
        self.title.set(form.title);
        self.authors.set(form.authors);
        self.isbn.set(form.isbn);
        self.copies.set(form.copies);
        self.tags.set(form.tags);
        self.recommended_by.set(form.recommended_by);
        self.shelf.set(form.shelf);
        self.notes.set(form.notes);
        self.photo.set(form.photo);
    }

    fn form(&self) -> BookForm {
        BookForm {
            title: self.title.get_untracked(),
            authors: self.authors.get_untracked(),
            isbn: self.isbn.get_untracked(),
            copies: self.copies.get_untracked(),
            tags: self.tags.get_untracked(),
            recommended_by: self.recommended_by.get_untracked(),
            shelf: self.shelf.get_untracked(),
            notes: self.notes.get_untracked(),
            photo: self.photo.get_untracked(),
        }
    }
}

/// A new book whose ISBN is already on the shelf: the admin chooses.
#[derive(Clone)]
struct Duplicate {
    existing: Book,
    fields: BookFields,
}

/// Adds a book (`id` None) or edits one.
#[component]
pub fn BookEditor(id: Option<String>) -> impl IntoView {
    let state = use_state();
    let library = use_library();
    let navigate = use_navigate();
    let fields = Fields::new();
    let errors = RwSignal::new(BookErrors::new());
    let duplicate: RwSignal<Option<Duplicate>, LocalStorage> = RwSignal::new_local(None);
    let editing: RwSignal<Option<Book>, LocalStorage> = RwSignal::new_local(None);
    let busy = Saving::new();
    // A chosen picture being made into the cover photo.
    let preparing = RwSignal::new(false);

    let meanwhile = Meanwhile::<Book>::new();
    let fill = move |book: &Book| {
        // A picture still being made was for the form as it was: dropped.
        preparing.set(false);
        fields.fill(BookForm::of(book));
        editing.set(Some(book.clone()));
    };

    // Editing: fill the form once the book is read.
    let wanted = id.clone();
    Effect::new(move |filled: Option<bool>| {
        if filled == Some(true) {
            return true;
        }
        let Some(id) = wanted.as_deref() else { return true };
        library.with(|l| match l.as_ref().and_then(|l| l.book(id)) {
            Some(book) => {
                fill(book);
                true
            }
            None => false,
        })
    });

    let done = {
        let navigate = navigate.clone();
        move |state: AppState, message: String, to: String| {
            state.notify(message);
            busy.go_on(navigate.clone(), &to);
        }
    };
    // A book with this ISBN reached the shelf after the form was checked
    // (the office, another tab): said where the ISBN is, as the check does.
    let isbn_taken_meanwhile = move || {
        errors.set(vec![(BookField::Isbn, FieldError::IsbnTaken)]);
        focus_first_invalid();
    };
    let store_new = {
        let done = done.clone();
        move |fields: BookFields, separate: bool| {
            let done = done.clone();
            if !busy.start() {
                return;
            }
            leptos::task::spawn_local(async move {
                match add_book(&state.db(), &state.author(), fields, separate).await {
                    Ok(book) => done(state, state.t(Msg::Saved).to_owned(), format!("/books/{}", book.meta.id)),
                    Err(StoreError::IsbnTaken) => isbn_taken_meanwhile(),
                    Err(error) => state.notify_error(&error),
                }
                busy.done();
            });
        }
    };
    let store_edit = {
        let done = done.clone();
        move |book: Book, message: String, to: Option<String>| {
            let done = done.clone();
            if !busy.start() {
                return;
            }
            leptos::task::spawn_local(async move {
                match save_book(&state.db(), &state.author(), &book).await {
                    Ok(saved) => done(state, message, to.unwrap_or_else(|| format!("/books/{}", saved.meta.id))),
                    Err(error) if meanwhile.caught(&book, &error) => {}
                    Err(StoreError::IsbnTaken) => isbn_taken_meanwhile(),
                    Err(error) => state.notify_error(&error),
                }
                busy.done();
            });
        }
    };

    let submit = {
        let (store_new, store_edit) = (store_new.clone(), store_edit.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match fields.form().validate() {
                Err(found) => {
                    errors.set(found);
                    focus_first_invalid();
                }
                Ok(valid) => {
                    errors.set(BookErrors::new());
                    match editing.get_untracked() {
                        Some(book) => {
                            // Only an ISBN the edit changes: one already shared
                            // (a book added as a separate one) stays editable.
                            let taken = valid.isbn.as_deref().filter(|_| valid.isbn != book.isbn).is_some_and(|isbn| {
                                library.with_untracked(|l| l.as_ref().is_some_and(|l| isbn_taken(&l.books, isbn, &book.meta.id).is_some()))
                            });
                            if taken {
                                errors.set(vec![(BookField::Isbn, FieldError::IsbnTaken)]);
                                focus_first_invalid();
                                return;
                            }
                            let changed = valid.into_book(book.meta.clone());
                            store_edit(changed, state.t(Msg::Saved).to_owned(), None);
                        }
                        None => {
                            let existing = valid.isbn.as_ref().and_then(|isbn| {
                                library.with_untracked(|l| {
                                    l.as_ref()?.books.iter().find(|b| b.meta.is_live() && b.isbn.as_ref() == Some(isbn)).cloned()
                                })
                            });
                            match existing {
                                Some(existing) => {
                                    duplicate.set(Some(Duplicate { existing, fields: valid }));
                                    focus_when_drawn("[data-testid=duplicate-isbn] button");
                                }
                                None => store_new(valid, false),
                            }
                        }
                    }
                }
            }
        }
    };

    let add_copy = {
        let done = done.clone();
        move |_| {
            let Some(Duplicate { existing, fields }) = duplicate.get_untracked() else { return };
            duplicate.set(None);
            if !busy.start() {
                return;
            }
            let done = done.clone();
            leptos::task::spawn_local(async move {
                // The copies (and a photo taken for the new one, if the book
                // had none) go onto the book as stored now.
                match add_copies(&state.db(), &state.author(), &existing.meta.id, fields.copies, fields.photo).await {
                    Ok(Ok(book)) => {
                        let message = state.tf(Msg::CopyAdded, &[("title", &book.title)]);
                        done(state, message, format!("/books/{}", book.meta.id));
                    }
                    Ok(Err(too_many)) => {
                        errors.set(vec![(BookField::Copies, too_many)]);
                        focus_first_invalid();
                    }
                    Err(error) => state.notify_error(&error),
                }
                busy.done();
            });
        }
    };
    let add_separately = {
        let store_new = store_new.clone();
        move |_| {
            if let Some(Duplicate { fields, .. }) = duplicate.get_untracked() {
                duplicate.set(None);
                store_new(fields, true);
            }
        }
    };
    let retire = {
        let store_edit = store_edit.clone();
        move |_| {
            let Some(mut book) = editing.get_untracked() else { return };
            // What retiring does to the people using the book, said first.
            let shelf = library.with_untracked(|l| l.as_ref().map(|l| l.shelf(&book.meta.id))).unwrap_or_default();
            let waiting = shelf.queue.len() + shelf.ready.len();
            let mut question = vec![state.t(Msg::ConfirmRetire).to_owned()];
            if !shelf.loans.is_empty() {
                question.push(state.count(shelf.loans.len(), Msg::RetireOnLoanOne, Msg::RetireOnLoan, &[]));
            }
            if waiting > 0 {
                question.push(state.count(waiting, Msg::RetireWaitingOne, Msg::RetireWaiting, &[]));
            }
            if window().confirm_with_message(&question.join(" ")).unwrap_or(false) {
                book.meta.deleted_at = Some(state.author().now);
                store_edit(book, state.t(Msg::BookRetired).to_owned(), Some("/books".into()));
            }
        }
    };
    let save_mine = move |book: Book| {
        if book.meta.is_live() {
            store_edit(book, state.t(Msg::Saved).to_owned(), None);
        } else {
            store_edit(book, state.t(Msg::BookRetired).to_owned(), Some("/books".into()));
        }
    };

    let message = move |field: BookField| {
        Signal::derive(move || {
            errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, err)| field_error(*err, state.lang())))
        })
    };
    let is_new = id.is_none();
    let ready = Signal::derive(move || is_new || editing.with(Option::is_some));
    let missing = Signal::derive(move || {
        id.as_deref().is_some_and(|id| library.with(|l| l.as_ref().is_some_and(|l| l.book(id).is_none())))
    });

    view! {
        <section class="editor">
            <a class="back" href="/admin/books">{tr(Msg::ManageShelf)}</a>
            <h1>{tr(if is_new { Msg::AddBook } else { Msg::EditBook })}</h1>
            <form class="card" on:submit=submit novalidate data-testid="book-form">
                <EditFields ready=ready missing=(missing, Msg::NoSuchBook)>
                <TextField id="book-title" label=Msg::Title value=fields.title error=message(BookField::Title) />
                <TextField id="book-authors" label=Msg::Authors value=fields.authors error=message(BookField::Authors) />
                <TextField id="book-isbn" label=Msg::Isbn value=fields.isbn error=message(BookField::Isbn) inputmode="numeric" />
                <Scanner code=Code::Isbn on_scan=Callback::new(move |code| fields.isbn.set(code)) label=Msg::ScanIsbn hint=Msg::ScanHint class="btn small" />
                <TextField id="book-copies" label=Msg::Copies value=fields.copies error=message(BookField::Copies) inputmode="numeric" />
                <TextField id="book-tags" label=Msg::Tags value=fields.tags error=message(BookField::Tags) />
                <TextField id="book-recommended-by" label=Msg::RecommenderLabel value=fields.recommended_by error=message(BookField::RecommendedBy) />
                <TextField id="book-shelf" label=Msg::ShelfPlace value=fields.shelf error=message(BookField::Shelf) />
                <TextField id="book-notes" label=Msg::Notes value=fields.notes error=message(BookField::Notes) multiline=true />
                <PhotoField photo=fields.photo title=fields.title error=message(BookField::Photo) preparing=preparing />
                // Not while a photo is being made: the book would be saved without it.
                <button class="btn primary wide" type="submit" disabled=move || busy.active() || preparing.get()>{tr(Msg::Save)}</button>
                </EditFields>
            </form>
            {move || duplicate.with(|d| d.as_ref().map(|d| view! {
                <div class="card confirm" role="alertdialog" aria-labelledby="duplicate-title" data-testid="duplicate-isbn">
                    <p id="duplicate-title">{state.tf(Msg::DuplicateIsbn, &[("title", &d.existing.title)])}</p>
                    <button class="btn primary" on:click=add_copy.clone()>{state.t(Msg::AddCopyInstead)}</button>
                    <button class="btn" on:click=add_separately.clone()>{state.t(Msg::AddSeparately)}</button>
                    <button class="btn" on:click=move |_| duplicate.set(None)>{state.t(Msg::Cancel)}</button>
                </div>
            }))}
            {meanwhile.view(move |theirs| fill(&theirs), save_mine)}
            <Show when=move || editing.with(Option::is_some)>
                <button class="btn danger" on:click=retire.clone() data-testid="retire">{tr(Msg::Retire)}</button>
            </Show>
        </section>
    }
}

/// The cover photo: shown as the cover will be, a file input (a phone
/// offers its camera and its photos) and, once there is one, a button back
/// to the generated cover. The picture is made small here, before saving.
#[component]
fn PhotoField(
    photo: RwSignal<Option<String>>,
    title: RwSignal<String>,
    error: Signal<Option<String>>,
    preparing: RwSignal<bool>,
) -> impl IntoView {
    let state = use_state();
    // Why the picture chosen last was not taken.
    let problem = RwSignal::new(None::<String>);
    // Which choice is current: an older one, still being made small, is dropped.
    let choice = StoredValue::new(0u64);
    let chosen = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = chosen_file(&input) else { return };
        // Let go, so that the same file can be chosen again.
        input.set_value("");
        let this = choice.get_value() + 1;
        choice.set_value(this);
        if file.size() > PICTURE_MAX_BYTES as f64 {
            preparing.set(false);
            let max = (PICTURE_MAX_BYTES / (1024 * 1024)).to_string();
            problem.set(Some(state.tf(Msg::PhotoTooLarge, &[("max", &max)])));
            return;
        }
        problem.set(None);
        preparing.set(true);
        leptos::task::spawn_local(async move {
            let made = small_jpeg(&file, PHOTO_WIDTH, PHOTO_HEIGHT, PHOTO_MAX_CHARS).await;
            // The page left, another picture chosen, or the form filled
            // again (*See their version*) meanwhile.
            if choice.try_get_value() != Some(this) || preparing.try_get_untracked() != Some(true) {
                return;
            }
            preparing.set(false);
            match made {
                Some(url) => photo.set(Some(url)),
                None => problem.set(Some(state.t(Msg::PhotoUnreadable).to_owned())),
            }
        });
    };
    let remove = move |_| {
        choice.update_value(|c| *c += 1);
        preparing.set(false);
        problem.set(None);
        photo.set(None);
        // The button goes: the focus to the field that stays.
        focus_when_drawn("#book-photo");
    };
    let shown = move || match photo.get() {
        Some(url) => cover_view("", Some(&url), true),
        // The title read only while there is no photo: no new picture per key.
        None => cover_view(&title.get(), None, true),
    };
    let message = move || problem.get().or_else(|| error.get());
    view! {
        <div class="photo-field" role="group" aria-labelledby="book-photo-label" data-testid="photo-field">
            <span id="book-photo-label">{tr(Msg::CoverPhoto)}</span>
            <div class="photo-row">
                {shown}
                <div class="photo-actions">
                    <input
                        id="book-photo"
                        class="visually-hidden"
                        type="file"
                        accept="image/*"
                        aria-invalid=move || message().is_some().then_some("true")
                        aria-describedby="book-photo-error book-photo-hint"
                        on:change=chosen
                    />
                    <label class="btn small" for="book-photo">
                        {move || state.t(if photo.with(Option::is_some) { Msg::ChangePhoto } else { Msg::ChoosePhoto })}
                    </label>
                    <Show when=move || photo.with(Option::is_some)>
                        <button class="btn small" type="button" on:click=remove>{tr(Msg::RemovePhoto)}</button>
                    </Show>
                </div>
            </div>
            <p id="book-photo-hint" class="muted">{tr(Msg::CoverPhotoHint)}</p>
            // Always there, so that what comes after the file picker closes is read out.
            <div role="status">
                <Show when=move || preparing.get()>
                    <p class="muted" aria-busy="true">{tr(Msg::PreparingPhoto)}</p>
                </Show>
                <p id="book-photo-error" class="field-error">{message}</p>
            </div>
        </div>
    }
}
