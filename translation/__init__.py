"""Machine translation engines behind one small interface."""
