//! Ranking units and selecting awards under the quotas.
