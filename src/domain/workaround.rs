//! Applying a known error's workaround to incidents: the link, the public comment and the timeline event, for one incident or all open ones.
