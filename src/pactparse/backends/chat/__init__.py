"""What chat-model backends share: the prompt, the draft's schema as models see it, and
reading a model's answer into a proposal. Imports only the seam (``..base``) and below."""
