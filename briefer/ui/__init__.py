"""The Qt desktop shell. Presents briefer.core; holds no domain logic."""
