//! Apply workaround on an incident: pick an active known error; links it, posts its workaround as a public comment and records it in the timeline.
