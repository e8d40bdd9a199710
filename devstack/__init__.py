"""The local stack: emulators, our local Forms API server, sample data and the demo."""
