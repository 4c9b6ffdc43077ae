# Handset, English (United States): the main window's screens (contacts, history, dial pad).
# Same rules as handset.ftl; every translation has a window.ftl with the same keys.
