//! Passwords in memory only: for tests, and for "ask at each start" within one run.

use super::{Password, SecretError, SecretStore};
use crate::config::account::AccountId;
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct MemorySecretStore {
    passwords: Mutex<HashMap<AccountId, Password>>,
}

impl MemorySecretStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<AccountId, Password>> {
        // A panic elsewhere while holding the lock leaves a usable map.
        self.passwords
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, account: AccountId) -> Result<Option<Password>, SecretError> {
        Ok(self.lock().get(&account).cloned())
    }

    fn set(&self, account: AccountId, password: &Password) -> Result<(), SecretError> {
        self.lock().insert(account, password.clone());
        Ok(())
    }

    fn delete(&self, account: AccountId) -> Result<(), SecretError> {
        self.lock().remove(&account);
        Ok(())
    }
}
