"""The review workflow that activities, alerts and material share, written once: the model
mixin (`workflow.models`) and the review pages' view helpers (`workflow.views`)."""
