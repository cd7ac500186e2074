namespace IotStudio.Emulator.Query;

public abstract record AqlExpr;
