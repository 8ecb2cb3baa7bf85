//! Early-life-support figures for one release: incidents since deployment per day and by priority, open P1/P2, SLA compliance, escalations, complaints, known errors hit.
