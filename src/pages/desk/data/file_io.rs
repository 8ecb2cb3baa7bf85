//! Browser glue of the data page: reading a chosen file a slice at a time, asking how
//! much storage space is left, and saving a backup made a slice at a time as a
//! download (each slice becomes a small Blob as it is made; the file is a Blob of
//! those, so no single step copies the whole text).

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::transfer::backup::MAX_FILE_BYTES;

/// Bytes read per slice: big enough to be quick, small enough to show progress.
const READ_SLICE: f64 = 8.0 * 1024.0 * 1024.0;

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls method `name` of `obj` with `args`.
fn call(obj: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = get(obj, name).dyn_into()?;
    f.apply(obj, &args.iter().collect::<Array>())
}

fn message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// The first file chosen in a file input, if any.
pub fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<JsValue> {
    let files = get(input, "files");
    if files.is_null() || files.is_undefined() {
        return None;
    }
    let file = call(&files, "item", &[JsValue::from_f64(0.0)]).ok()?;
    (!file.is_null() && !file.is_undefined()).then_some(file)
}

/// Reads the whole file a slice at a time; `progress(done, total)` in bytes. Files over
/// the backup size limit are refused before reading.
pub async fn read_file(
    file: &JsValue,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<u8>, String> {
    let size = get(file, "size").as_f64().unwrap_or(0.0);
    if size > MAX_FILE_BYTES as f64 {
        return Err(format!(
            "Nothing was restored. The file is {:.0} MB; a backup this app can read is at most {} MB.",
            size / 1048576.0,
            MAX_FILE_BYTES / 1048576
        ));
    }
    let mut out = Vec::with_capacity(size as usize);
    let mut at = 0.0;
    while at < size {
        let end = (at + READ_SLICE).min(size);
        let read = async {
            let slice = call(
                file,
                "slice",
                &[JsValue::from_f64(at), JsValue::from_f64(end)],
            )?;
            let promise: Promise = call(&slice, "arrayBuffer", &[])?.dyn_into()?;
            JsFuture::from(promise).await
        };
        let buf = read.await.map_err(|e| {
            format!(
                "Nothing was restored: the file could not be read ({}).",
                message(&e)
            )
        })?;
        let part = Uint8Array::new(&buf);
        let from = out.len();
        out.resize(from + part.length() as usize, 0);
        part.copy_to(&mut out[from..]);
        at = end;
        progress(at as usize, size as usize);
    }
    Ok(out)
}

/// Bytes this site may still store (quota minus usage), when the browser says.
pub async fn free_space() -> Option<u64> {
    let storage = get(&get(&web_sys::window()?.into(), "navigator"), "storage");
    let promise: Promise = call(&storage, "estimate", &[]).ok()?.dyn_into().ok()?;
    let est = JsFuture::from(promise).await.ok()?;
    let quota = get(&est, "quota").as_f64()?;
    let usage = get(&est, "usage").as_f64().unwrap_or(0.0);
    Some((quota - usage).max(0.0) as u64)
}

/// A file being made a slice at a time: each slice is copied into a Blob as it comes.
#[derive(Default)]
pub struct BlobParts {
    parts: Vec<JsValue>,
}

/// A Blob of `parts` (Blobs or byte arrays) with MIME type `mime`.
fn blob_of(parts: Array, mime: &str) -> Result<JsValue, String> {
    let window = web_sys::window().ok_or("no window")?;
    let opts = Object::new();
    Reflect::set(&opts, &"type".into(), &mime.into()).map_err(|e| message(&e))?;
    let blob_ctor: Function = get(&window, "Blob").dyn_into().map_err(|e| message(&e))?;
    let args: Array = [JsValue::from(parts), opts.into()].into_iter().collect();
    Reflect::construct(&blob_ctor, &args).map_err(|e| message(&e))
}

/// A Blob holding the UTF-8 bytes of `text` (copied as bytes, never decoded).
fn text_blob(text: &str) -> Result<JsValue, String> {
    let bytes = Uint8Array::from(text.as_bytes());
    blob_of(std::iter::once(JsValue::from(bytes)).collect(), "")
}

impl BlobParts {
    /// Appends one slice of text.
    pub fn push(&mut self, text: &str) -> Result<(), String> {
        self.parts.push(text_blob(text)?);
        Ok(())
    }

    /// Offers `head`, the slices and `tail` as a file download named `name`.
    pub fn save(self, head: &str, tail: &str, name: &str, mime: &str) -> Result<(), String> {
        let parts: Array = std::iter::once(text_blob(head))
            .chain(self.parts.into_iter().map(Ok))
            .chain(std::iter::once(text_blob(tail)))
            .collect::<Result<_, _>>()?;
        let blob = blob_of(parts, mime)?;
        download(blob, name)
    }
}

/// Offers `blob` as a file download named `name` (a temporary link to an object URL).
fn download(blob: JsValue, name: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let url_ns = get(&window, "URL");
    let url = call(&url_ns, "createObjectURL", &[blob]).map_err(|e| message(&e))?;
    let document = window.document().ok_or("no document")?;
    let a: web_sys::HtmlElement = document
        .create_element("a")
        .map_err(|e| message(&e))?
        .dyn_into()
        .map_err(|_| "no anchor element".to_string())?;
    let href = url.as_string().unwrap_or_default();
    a.set_attribute("href", &href).map_err(|e| message(&e))?;
    a.set_attribute("download", name).map_err(|e| message(&e))?;
    a.click();
    // Give the browser time to start the download before releasing the data.
    leptos::task::spawn_local(async move {
        crate::ops::clock::sleep_ms(60_000).await;
        let _ = call(&url_ns, "revokeObjectURL", &[url]);
    });
    Ok(())
}
