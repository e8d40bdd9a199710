"""The only modules that talk to Google: Firestore and the Forms API."""
