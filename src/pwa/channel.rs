//! Telling the app's other open tabs that data changed.

use wasm_bindgen::prelude::*;

const CHANNEL: &str = "oasis-data";

/// A BroadcastChannel between the app's tabs. Each message lists the stores
/// a committed write touched.
pub struct DataChannel {
    channel: Option<web_sys::BroadcastChannel>,
    _listener: Option<Closure<dyn Fn(web_sys::MessageEvent)>>,
}

impl DataChannel {
    /// Listens for other tabs' changes. Browsers without BroadcastChannel
    /// get a channel that neither sends nor hears.
    pub fn open(on_remote_change: impl Fn(Vec<String>) + 'static) -> DataChannel {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return DataChannel { channel: None, _listener: None };
        };
        let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let stores = js_sys::Array::from(&event.data()).iter().filter_map(|v| v.as_string()).collect();
            on_remote_change(stores);
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        DataChannel { channel: Some(channel), _listener: Some(listener) }
    }

    pub fn post(&self, stores: &[&str]) {
        if let Some(channel) = &self.channel {
            let list: js_sys::Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
            let _ = channel.post_message(&list);
        }
    }
}
