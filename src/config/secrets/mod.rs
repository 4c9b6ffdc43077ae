//! Account passwords: kept in the Secret Service, or (after an explicit opt-in) a 0600 file,
//! or nowhere (asked at each start), and never in the config file.
//!
//! [`SecretStore`] is one place to keep passwords; [`AccountSecrets`] picks the place each
//! account's [`PasswordStorage`] names and makes sure no stale copy stays elsewhere.

mod error;
mod file_store;
mod memory;
mod password;
mod secret_service;

pub use error::SecretError;
pub use file_store::{FileSecretStore, FILE_MODE};
pub use memory::MemorySecretStore;
pub use password::Password;
pub use secret_service::{SecretServiceStore, SERVICE};

use super::account::{Account, AccountId, PasswordStorage};
use super::store::ConfigPaths;

/// One place that keeps passwords, by account id.
pub trait SecretStore: Send + Sync {
    /// The account's password, `None` when none is stored.
    fn get(&self, account: AccountId) -> Result<Option<Password>, SecretError>;
    /// Stores (or replaces) the account's password.
    fn set(&self, account: AccountId, password: &Password) -> Result<(), SecretError>;
    /// Removes the account's password; fine when there is none.
    fn delete(&self, account: AccountId) -> Result<(), SecretError>;
}

/// Passwords of accounts, each kept where its `password_storage` says.
pub struct AccountSecrets {
    keyring: Box<dyn SecretStore>,
    file: Box<dyn SecretStore>,
    /// `AskEachStart` passwords the user typed in this run; never written anywhere. The face
    /// and the engine share one `AccountSecrets`, so the engine reads what the face was told.
    session: MemorySecretStore,
}

impl std::fmt::Debug for AccountSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccountSecrets")
    }
}

impl AccountSecrets {
    /// The Secret Service, and the opt-in file in the data folder.
    pub fn new(paths: &ConfigPaths) -> Self {
        Self::with_stores(
            Box::new(SecretServiceStore::new()),
            Box::new(FileSecretStore::new(paths.secrets_file())),
        )
    }

    /// Explicit stores, e.g. [`MemorySecretStore`]s in tests.
    pub fn with_stores(keyring: Box<dyn SecretStore>, file: Box<dyn SecretStore>) -> Self {
        AccountSecrets {
            keyring,
            file,
            session: MemorySecretStore::new(),
        }
    }

    /// The account's stored password. `Ok(None)` when nothing is stored. With `AskEachStart`
    /// it is the password given to [`AccountSecrets::remember_for_this_run`], if any: until
    /// then the face asks the user.
    pub fn get(&self, account: &Account) -> Result<Option<Password>, SecretError> {
        match account.password_storage {
            PasswordStorage::SecretService => self.keyring.get(account.id),
            PasswordStorage::File => self.file.get(account.id),
            PasswordStorage::AskEachStart => self.session.get(account.id),
        }
    }

    /// Keeps an `AskEachStart` password in memory for the life of this process (the user typed
    /// it at start). Nothing goes to disk or to the keyring.
    pub fn remember_for_this_run(&self, account: &Account, password: &Password) {
        // The memory store cannot fail.
        let _ = self.session.set(account.id, password);
    }

    /// Whether an `AskEachStart` account that should register still waits for its password.
    pub fn needs_asking(&self, account: &Account) -> bool {
        account.password_storage == PasswordStorage::AskEachStart
            && account.enabled
            && account.register
            && matches!(self.session.get(account.id), Ok(None))
    }

    /// Keeps the password where the account's storage says, then removes any copy from the
    /// other places (e.g. the file after the user moved to the keyring). With `AskEachStart`
    /// nothing is stored: the face calls [`AccountSecrets::remember_for_this_run`].
    ///
    /// [`SecretError::Unavailable`] means no Secret Service: the face asks the user to choose
    /// `AskEachStart` or `File`, changes the account and calls this again.
    pub fn set(&self, account: &Account, password: &Password) -> Result<(), SecretError> {
        match account.password_storage {
            PasswordStorage::SecretService => {
                self.keyring.set(account.id, password)?;
                self.session.delete(account.id)?;
                self.file.delete(account.id)
            }
            PasswordStorage::File => {
                self.file.set(account.id, password)?;
                self.session.delete(account.id)?;
                delete_if_reachable(self.keyring.as_ref(), account.id)
            }
            PasswordStorage::AskEachStart => {
                self.file.delete(account.id)?;
                delete_if_reachable(self.keyring.as_ref(), account.id)
            }
        }
    }

    /// Removes the account's password from every place (the account was deleted, or its
    /// storage became `AskEachStart`). Without a Secret Service nothing can be in it, so its
    /// absence is not an error.
    pub fn delete(&self, account: &Account) -> Result<(), SecretError> {
        self.session.delete(account.id)?;
        self.file.delete(account.id)?;
        delete_if_reachable(self.keyring.as_ref(), account.id)
    }
}

fn delete_if_reachable(store: &dyn SecretStore, account: AccountId) -> Result<(), SecretError> {
    match store.delete(account) {
        Err(SecretError::Unavailable { .. }) => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Lets a test look into a store it handed to `AccountSecrets`.
    struct Shared(Arc<MemorySecretStore>);

    impl SecretStore for Shared {
        fn get(&self, account: AccountId) -> Result<Option<Password>, SecretError> {
            self.0.get(account)
        }
        fn set(&self, account: AccountId, password: &Password) -> Result<(), SecretError> {
            self.0.set(account, password)
        }
        fn delete(&self, account: AccountId) -> Result<(), SecretError> {
            self.0.delete(account)
        }
    }

    fn secrets() -> (
        AccountSecrets,
        Arc<MemorySecretStore>,
        Arc<MemorySecretStore>,
    ) {
        let keyring = Arc::new(MemorySecretStore::new());
        let file = Arc::new(MemorySecretStore::new());
        let secrets = AccountSecrets::with_stores(
            Box::new(Shared(keyring.clone())),
            Box::new(Shared(file.clone())),
        );
        (secrets, keyring, file)
    }

    #[test]
    fn moving_between_storages_leaves_no_stale_copy() {
        let (secrets, keyring, file) = secrets();
        let mut account = Account::new(AccountId(3), "alice", "example.com");
        account.password_storage = PasswordStorage::File;
        secrets.set(&account, &"pw".into()).unwrap();
        assert!(file.get(AccountId(3)).unwrap().is_some());

        account.password_storage = PasswordStorage::SecretService;
        secrets.set(&account, &"pw".into()).unwrap();
        assert_eq!(file.get(AccountId(3)).unwrap(), None);
        assert_eq!(secrets.get(&account).unwrap(), Some("pw".into()));

        account.password_storage = PasswordStorage::AskEachStart;
        secrets.set(&account, &"pw".into()).unwrap();
        assert_eq!(keyring.get(AccountId(3)).unwrap(), None);
        assert_eq!(secrets.get(&account).unwrap(), None);
    }

    #[test]
    fn ask_each_start_passwords_live_in_memory_only_for_this_run() {
        let (secrets, keyring, file) = secrets();
        let mut account = Account::new(AccountId(4), "bob", "example.com");
        account.password_storage = PasswordStorage::AskEachStart;
        assert!(secrets.needs_asking(&account));

        secrets.remember_for_this_run(&account, &"typed".into());
        assert_eq!(secrets.get(&account).unwrap(), Some("typed".into()));
        assert!(!secrets.needs_asking(&account));
        assert_eq!(keyring.get(AccountId(4)).unwrap(), None);
        assert_eq!(file.get(AccountId(4)).unwrap(), None);

        // A disabled or non-registering account is not asked for.
        let mut other = Account::new(AccountId(5), "carol", "example.com");
        other.password_storage = PasswordStorage::AskEachStart;
        other.enabled = false;
        assert!(!secrets.needs_asking(&other));

        // Moving to the keyring drops the memory copy; deleting the account forgets it.
        account.password_storage = PasswordStorage::SecretService;
        secrets.set(&account, &"typed".into()).unwrap();
        account.password_storage = PasswordStorage::AskEachStart;
        assert_eq!(secrets.get(&account).unwrap(), None);
        secrets.remember_for_this_run(&account, &"again".into());
        secrets.delete(&account).unwrap();
        assert_eq!(secrets.get(&account).unwrap(), None);
    }
}
