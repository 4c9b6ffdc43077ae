//! A private D-Bus session bus for the desktop tests, and the two peers Handset talks to on
//! it: a StatusNotifierWatcher (what a desktop's panel runs, and which the tray registers
//! with) and a reader of the registered item's properties and menu, as a panel would read
//! them. Nothing here changes the process environment: the bus address is handed to each
//! child explicitly.

#![allow(dead_code)] // each test file uses a different part

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

/// A liveness bound, not a measurement.
pub const BOUND: Duration = Duration::from_secs(60);

/// Fails with the Debian package to install when a tool is missing.
pub fn require_dbus() {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join("dbus-daemon").is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "dbus-daemon is missing: install it with apt-get install -y dbus-daemon"
    );
}

/// A `dbus-daemon --session` of our own, in `dir`.
pub struct SessionBus {
    child: Child,
    pub address: String,
    runtime: tokio::runtime::Runtime,
    connection: zbus::Connection,
}

impl SessionBus {
    /// A bus that starts nothing by itself.
    pub fn start(dir: &Path) -> SessionBus {
        SessionBus::start_with(dir, None, &[])
    }

    /// A bus that activates services from `service_dir` (D-Bus activation), starting them with
    /// `env` (e.g. DISPLAY) added to ours.
    pub fn start_with(
        dir: &Path,
        service_dir: Option<&Path>,
        env: &[(String, String)],
    ) -> SessionBus {
        require_dbus();
        std::fs::create_dir_all(dir).unwrap();
        let services = service_dir
            .map(|d| format!("<servicedir>{}</servicedir>", d.display()))
            .unwrap_or_default();
        let config = dir.join("bus.conf");
        std::fs::write(
            &config,
            format!(
                r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  {services}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
                dir.display()
            ),
        )
        .unwrap();
        let mut child = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-daemon (package dbus-daemon)");
        let mut address = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut address)
            .unwrap();
        let address = address.trim().to_owned();
        assert!(!address.is_empty(), "dbus-daemon printed no address");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let connection = runtime.block_on(async {
            zbus::connection::Builder::address(address.as_str())
                .unwrap()
                .build()
                .await
                .expect("connect to the private bus")
        });
        SessionBus {
            child,
            address,
            runtime,
            connection,
        }
    }

    /// `DBUS_SESSION_BUS_ADDRESS` for a child.
    pub fn env(&self) -> (String, String) {
        ("DBUS_SESSION_BUS_ADDRESS".to_owned(), self.address.clone())
    }

    /// Whether someone owns `name` now.
    pub fn has_owner(&self, name: &str) -> bool {
        self.runtime.block_on(async {
            let dbus = zbus::fdo::DBusProxy::new(&self.connection).await.unwrap();
            let name = zbus::names::BusName::try_from(name).unwrap();
            dbus.name_has_owner(name).await.unwrap_or(false)
        })
    }

    /// Waits until `name` has an owner; `alive` is asked in between (it panics with the
    /// program's log when the program died).
    pub fn wait_for_owner(&self, name: &str, mut alive: impl FnMut()) {
        let started = Instant::now();
        while !self.has_owner(name) {
            alive();
            assert!(started.elapsed() < BOUND, "nobody took {name} on the bus");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Serves an `org.kde.StatusNotifierWatcher` on this bus, as a desktop's panel does.
    pub fn start_watcher(&self) -> Watcher {
        let items = Arc::new(Mutex::new(Vec::new()));
        let watcher = WatcherService {
            items: items.clone(),
        };
        let connection = self.runtime.block_on(async {
            let connection = zbus::connection::Builder::address(self.address.as_str())
                .unwrap()
                .serve_at("/StatusNotifierWatcher", watcher)
                .unwrap()
                .name("org.kde.StatusNotifierWatcher")
                .unwrap()
                .build()
                .await
                .expect("serve the StatusNotifierWatcher");
            connection
        });
        Watcher {
            items,
            _connection: connection,
        }
    }

    /// The item registered as `service` (a bus name, optionally followed by its path).
    pub fn item(&self, service: &str) -> TrayItem<'_> {
        let (name, path) = match service.find('/') {
            Some(at) => (&service[..at], &service[at..]),
            None => (service, "/StatusNotifierItem"),
        };
        TrayItem {
            bus: self,
            name: name.to_owned(),
            path: path.to_owned(),
        }
    }

    /// Calls `method` of `interface` at `name` `path` with `body`; the reply's body.
    pub fn call<B>(&self, name: &str, path: &str, interface: &str, method: &str, body: &B)
    where
        B: serde::Serialize + zbus::zvariant::DynamicType,
    {
        self.runtime
            .block_on(async {
                self.connection
                    .call_method(Some(name), path, Some(interface), method, body)
                    .await
            })
            .unwrap_or_else(|e| panic!("{interface}.{method} on {name}: {e}"));
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The watcher's record of registered items.
pub struct Watcher {
    items: Arc<Mutex<Vec<String>>>,
    _connection: zbus::Connection,
}

impl Watcher {
    /// Waits until an item registers and returns the service it registered.
    pub fn wait_for_item(&self, mut alive: impl FnMut()) -> String {
        let started = Instant::now();
        loop {
            if let Some(first) = self.items.lock().unwrap().first() {
                return first.clone();
            }
            alive();
            assert!(
                started.elapsed() < BOUND,
                "no StatusNotifierItem registered with the watcher"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

struct WatcherService {
    items: Arc<Mutex<Vec<String>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl WatcherService {
    async fn register_status_notifier_item(
        &self,
        service: String,
        #[zbus(header)] header: zbus::message::Header<'_>,
        #[zbus(signal_emitter)] emitter: zbus::object_server::SignalEmitter<'_>,
    ) {
        // Items name their bus name, or (some) only their object path on the sender.
        let service = if service.starts_with('/') {
            let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
            format!("{sender}{service}")
        } else {
            service
        };
        self.items.lock().unwrap().push(service.clone());
        let _ = Self::status_notifier_item_registered(&emitter, &service).await;
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items.lock().unwrap().clone()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }

    #[zbus(signal)]
    async fn status_notifier_item_registered(
        emitter: &zbus::object_server::SignalEmitter<'_>,
        service: &str,
    ) -> zbus::Result<()>;
}

/// One menu entry as a panel shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MenuEntry {
    pub id: i32,
    pub label: String,
    /// `Some(true)` for a ticked check box, `Some(false)` unticked, `None` for a plain entry.
    pub checked: Option<bool>,
}

/// A registered StatusNotifierItem, read as a panel reads it.
pub struct TrayItem<'a> {
    bus: &'a SessionBus,
    name: String,
    path: String,
}

/// StatusNotifierItem `ToolTip`: icon name, icon pixmaps (width, height, ARGB32), title, body.
type ToolTip = (String, Vec<(i32, i32, Vec<u8>)>, String, String);
/// com.canonical.dbusmenu layout node: id, properties, children (each a node in a variant).
type Layout = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);

const ITEM: &str = "org.kde.StatusNotifierItem";
const MENU: &str = "com.canonical.dbusmenu";

impl TrayItem<'_> {
    fn property<T>(&self, interface: &str, path: &str, name: &str) -> T
    where
        T: TryFrom<OwnedValue>,
        T::Error: std::fmt::Debug,
    {
        let value: OwnedValue = self.bus.runtime.block_on(async {
            let proxy = zbus::fdo::PropertiesProxy::builder(&self.bus.connection)
                .destination(self.name.as_str())
                .unwrap()
                .path(path)
                .unwrap()
                .build()
                .await
                .unwrap();
            let interface = zbus::names::InterfaceName::try_from(interface).unwrap();
            proxy
                .get(interface, name)
                .await
                .unwrap_or_else(|e| panic!("read {name} of the tray item: {e}"))
        });
        T::try_from(value).unwrap_or_else(|e| panic!("{name} has an unexpected type: {e:?}"))
    }

    pub fn status(&self) -> String {
        self.property(ITEM, &self.path, "Status")
    }

    pub fn id(&self) -> String {
        self.property(ITEM, &self.path, "Id")
    }

    /// The tooltip's title and description.
    pub fn tooltip(&self) -> (String, String) {
        let (_icon, _pixmaps, title, description): ToolTip =
            self.property(ITEM, &self.path, "ToolTip");
        (title, description)
    }

    /// The themed icon's name and the sizes of the pixmaps given besides.
    pub fn icon(&self) -> (String, Vec<(i32, i32)>) {
        let name: String = self.property(ITEM, &self.path, "IconName");
        let pixmaps: Vec<(i32, i32, Vec<u8>)> = self.property(ITEM, &self.path, "IconPixmap");
        (name, pixmaps.iter().map(|(w, h, _)| (*w, *h)).collect())
    }

    fn menu_path(&self) -> String {
        let path: OwnedObjectPath = self.property(ITEM, &self.path, "Menu");
        path.as_str().to_owned()
    }

    /// The menu's top-level entries (com.canonical.dbusmenu `GetLayout`), separators left out.
    pub fn menu(&self) -> Vec<MenuEntry> {
        let path = self.menu_path();
        let reply = self.bus.runtime.block_on(async {
            self.bus
                .connection
                .call_method(
                    Some(self.name.as_str()),
                    path.as_str(),
                    Some(MENU),
                    "GetLayout",
                    &(0i32, -1i32, Vec::<String>::new()),
                )
                .await
                .expect("GetLayout")
        });
        let (_revision, root): (u32, Layout) =
            reply.body().deserialize().expect("GetLayout's reply");
        root.2.iter().filter_map(menu_entry).collect()
    }

    /// Clicks the menu entry `id` (com.canonical.dbusmenu `Event`).
    pub fn click(&self, id: i32) {
        let path = self.menu_path();
        let timestamp = 0u32;
        self.bus.call(
            &self.name,
            &path,
            MENU,
            "Event",
            &(id, "clicked", Value::from(0i32), timestamp),
        );
    }
}

/// A child of the layout: `(id, properties, children)` in a variant.
fn menu_entry(child: &OwnedValue) -> Option<MenuEntry> {
    let value: &Value = child;
    let value = match value {
        Value::Value(inner) => inner.as_ref(),
        other => other,
    };
    let Value::Structure(structure) = value else {
        return None;
    };
    let fields = structure.fields();
    let id = match fields.first()? {
        Value::I32(id) => *id,
        _ => return None,
    };
    let Value::Dict(properties) = fields.get(1)? else {
        return None;
    };
    // Each value is a variant: unwrap it to what it holds.
    let property = |key: &str| {
        properties.iter().find_map(|(k, v)| match (k, v) {
            (Value::Str(k), Value::Value(inner)) if k.as_str() == key => Some(inner.as_ref()),
            (Value::Str(k), other) if k.as_str() == key => Some(other),
            _ => None,
        })
    };
    let text = |key: &str| match property(key) {
        Some(Value::Str(text)) => Some(text.as_str().to_owned()),
        _ => None,
    };
    if text("type").as_deref() == Some("separator") {
        return None;
    }
    let checked = text("toggle-type")
        .filter(|t| !t.is_empty())
        .map(|_| matches!(property("toggle-state"), Some(Value::I32(1))));
    Some(MenuEntry {
        id,
        label: text("label").unwrap_or_default(),
        checked,
    })
}
