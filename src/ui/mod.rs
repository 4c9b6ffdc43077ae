//! The iced face. PLACEHOLDER: the GUI owner writes it.
