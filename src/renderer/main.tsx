document.getElementById("root")!.textContent = "Postline"; export {}
