//! Reading the file a person chose in a file input: its name, its size (checked before
//! anything is read) and its bytes, through the browser's `File` API.

use wasm_bindgen::JsValue;

/// A file chosen in an `<input type="file">`.
#[derive(Clone)]
pub struct Chosen {
    /// The file's name, as the device names it.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    file: JsValue,
}

/// The first file chosen in the input that fired `ev`, if any.
pub fn chosen(ev: &leptos::ev::Event) -> Option<Chosen> {
    #[cfg(target_arch = "wasm32")]
    {
        use js_sys::Reflect;
        let target: JsValue = ev.target()?.into();
        let files = Reflect::get(&target, &"files".into()).ok()?;
        let file = Reflect::get(&files, &0u32.into()).ok()?;
        if file.is_undefined() || file.is_null() {
            return None;
        }
        let name = Reflect::get(&file, &"name".into()).ok()?.as_string()?;
        let size = Reflect::get(&file, &"size".into()).ok()?.as_f64()?;
        Some(Chosen {
            name,
            size: size.max(0.0) as u64,
            file,
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ev;
        None
    }
}

impl Chosen {
    /// The file's bytes.
    pub async fn bytes(&self) -> Result<Vec<u8>, String> {
        #[cfg(target_arch = "wasm32")]
        {
            use js_sys::{Function, Promise, Reflect, Uint8Array};
            use wasm_bindgen::JsCast;
            let unreadable = |_| "the browser could not read the file".to_owned();
            let read: Function = Reflect::get(&self.file, &"arrayBuffer".into())
                .map_err(unreadable)?
                .dyn_into()
                .map_err(|_| "the browser cannot read files".to_owned())?;
            let promise: Promise = read
                .call0(&self.file)
                .map_err(unreadable)?
                .dyn_into()
                .map_err(|_| "the browser cannot read files".to_owned())?;
            let buffer = wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map_err(unreadable)?;
            Ok(Uint8Array::new(&buffer).to_vec())
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = &self.file;
            Err("files can only be read in a browser".to_owned())
        }
    }
}
